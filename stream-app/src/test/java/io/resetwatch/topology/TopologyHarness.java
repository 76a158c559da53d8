package io.resetwatch.topology;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.resetwatch.config.Settings;
import io.resetwatch.metrics.ResetWatchMetrics;
import io.resetwatch.model.Alert;
import io.resetwatch.serde.JsonSerde;
import io.resetwatch.testing.AlertSchema;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/** The production topology in a TopologyTestDriver, with a fixed start and explicit record timestamps. */
final class TopologyHarness implements AutoCloseable {

    static final Instant T0 = Instant.parse("2026-03-04T10:00:00Z");

    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final Topology topology;
    final TopologyTestDriver driver;
    final TestInputTopic<byte[], byte[]> accessLogs;
    final TestInputTopic<byte[], byte[]> podEvents;
    final TestOutputTopic<String, Alert> alerts;
    final TestOutputTopic<byte[], byte[]> deadLetters;
    private final List<Alert> received = new ArrayList<>();

    TopologyHarness() {
        this(Settings.defaults());
    }

    TopologyHarness(Settings settings) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "topology-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        try {
            props.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("ttd").toString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Clock clock = Clock.fixed(T0.plusSeconds(600), ZoneOffset.UTC);
        topology = new ResetWatchTopology(settings, clock, new ResetWatchMetrics(registry)).build(props);
        driver = new TopologyTestDriver(topology, props, T0);
        Settings.Topics topics = settings.topics();
        accessLogs = driver.createInputTopic(topics.accessLogs(), new ByteArraySerializer(), new ByteArraySerializer());
        podEvents = driver.createInputTopic(topics.podEvents(), new ByteArraySerializer(), new ByteArraySerializer());
        alerts = driver.createOutputTopic(topics.alerts(), new StringDeserializer(),
                JsonSerde.of(Alert.class).deserializer());
        deadLetters = driver.createOutputTopic(topics.deadLetters(), new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
    }

    void access(String value, long timestampMs) {
        accessLogs.pipeInput(new TestRecord<>(null, value.getBytes(StandardCharsets.UTF_8), null,
                Instant.ofEpochMilli(timestampMs)));
    }

    void accessBytes(byte[] value, long timestampMs) {
        accessLogs.pipeInput(new TestRecord<>(null, value, null, Instant.ofEpochMilli(timestampMs)));
    }

    void pod(String value, long timestampMs) {
        podEvents.pipeInput(new TestRecord<>(null, value.getBytes(StandardCharsets.UTF_8), null,
                Instant.ofEpochMilli(timestampMs)));
    }

    /** Healthy traffic to one pod from both sides, one request a second from {@code fromMs} to {@code toMs}. */
    void healthy(String ns, String svc, String pod, String ip, long fromMs, long toMs) {
        for (long t = fromMs; t < toMs; t += 1000) {
            String id = "ok-" + svc + "-" + t;
            access(Lines.outboundOk(ns, svc, ip, t, id), t);
            access(Lines.inbound(ns, svc, pod, ip, t, 200, "-", "via_upstream", 5, id), t);
        }
    }

    /** Moves wall-clock time in one-second steps (the idle advance needs punctuations). */
    void idleFor(Duration duration) {
        for (long s = 0; s < duration.toSeconds(); s++) {
            driver.advanceWallClockTime(Duration.ofSeconds(1));
        }
    }

    /** Every alert so far, each validated against the schema. */
    List<Alert> alerts() {
        while (!alerts.isEmpty()) {
            Alert alert = alerts.readValue();
            AlertSchema.assertValid(alert);
            received.add(alert);
        }
        return List.copyOf(received);
    }

    double counter(String name, String... tags) {
        return registry.find(name).tags(tags).counters().stream().mapToDouble(Counter::count).sum();
    }

    @Override
    public void close() {
        driver.close();
    }
}

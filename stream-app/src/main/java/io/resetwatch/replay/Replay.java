package io.resetwatch.replay;

import io.resetwatch.config.Settings;
import io.resetwatch.lifecycle.LifecycleOutcome;
import io.resetwatch.lifecycle.LifecycleParser;
import io.resetwatch.metrics.ResetWatchMetrics;
import io.resetwatch.model.Alert;
import io.resetwatch.model.LifecycleFact;
import io.resetwatch.parse.AccessLogParser;
import io.resetwatch.parse.ParseOutcome;
import io.resetwatch.serde.JsonSerde;
import io.resetwatch.topology.ResetWatchTopology;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/**
 * Runs the very topology of {@code run} over exported files of both input topics, in-process (Kafka's
 * TopologyTestDriver drives it: real processors, real state stores, no broker), and hands back the alert
 * records exactly as the alerts topic would receive them. The two files are merged by record timestamp, as a
 * live service would see them arrive. At the end of input, time advances by wall clock (the idle advance)
 * until every window has closed and every incident has resolved or stayed firing (CONTRACTS §1).
 */
public final class Replay {

    public record Result(long accessRecords, long podRecords, long rejected, List<Alert> alerts) {
    }

    private final Settings settings;
    private final Clock wallClock;

    public Replay(Settings settings, Clock wallClock) {
        this.settings = settings;
        this.wallClock = wallClock;
    }

    public Result run(List<TopicDump.Line> accessLogs, List<TopicDump.Line> podEvents, Consumer<Alert> onAlert) {
        List<Timed> inputs = new ArrayList<>();
        AccessLogParser accessParser = new AccessLogParser(settings.maxRecordBytes());
        LifecycleParser lifecycleParser = new LifecycleParser();
        long fallback = firstStatedTime(accessLogs, podEvents);
        for (TopicDump.Line line : accessLogs) {
            inputs.add(new Timed(true, line, timeOf(line, accessParser, fallback)));
        }
        for (TopicDump.Line line : podEvents) {
            inputs.add(new Timed(false, line, timeOf(line, lifecycleParser, fallback)));
        }
        // Stable: each file keeps its own (topic) order among equal timestamps.
        inputs.sort(Comparator.comparingLong(Timed::timestamp));
        long start = inputs.isEmpty() ? wallClock.millis() : inputs.get(0).timestamp();

        Path stateDir = tempDir();
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "resetwatch-replay");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "replay:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
        ResetWatchMetrics metrics = new ResetWatchMetrics(new SimpleMeterRegistry());
        var topology = new ResetWatchTopology(settings, wallClock, metrics).build(props);
        Settings.Topics topics = settings.topics();
        List<Alert> alerts = new ArrayList<>();
        long rejected;
        try (TopologyTestDriver driver = new TopologyTestDriver(topology, props, Instant.ofEpochMilli(start))) {
            TestInputTopic<byte[], byte[]> access = driver.createInputTopic(topics.accessLogs(),
                    new ByteArraySerializer(), new ByteArraySerializer());
            TestInputTopic<byte[], byte[]> pods = driver.createInputTopic(topics.podEvents(),
                    new ByteArraySerializer(), new ByteArraySerializer());
            TestOutputTopic<String, Alert> out = driver.createOutputTopic(topics.alerts(),
                    Serdes.String().deserializer(), JsonSerde.of(Alert.class).deserializer());
            TestOutputTopic<byte[], byte[]> deadLetters = driver.createOutputTopic(topics.deadLetters(),
                    Serdes.ByteArray().deserializer(), Serdes.ByteArray().deserializer());
            for (Timed input : inputs) {
                TestRecord<byte[], byte[]> record = new TestRecord<>(null, input.line().value(), null,
                        Instant.ofEpochMilli(input.timestamp()));
                (input.access() ? access : pods).pipeInput(record);
                drain(out, alerts, onAlert);
            }
            long endOfTime = settings.idleTimeout().toMillis()
                    + (settings.windowSize().toMillis() + settings.grace().toMillis())
                    * (settings.thresholds().resolveWindows() + 2L);
            for (long advanced = 0; advanced <= endOfTime; advanced += 1_000) {
                driver.advanceWallClockTime(Duration.ofSeconds(1));
                drain(out, alerts, onAlert);
            }
            rejected = deadLetters.getQueueSize();
        } finally {
            deleteQuietly(stateDir);
        }
        return new Result(accessLogs.size(), podEvents.size(), rejected, alerts);
    }

    private static void drain(TestOutputTopic<String, Alert> out, List<Alert> alerts, Consumer<Alert> onAlert) {
        while (!out.isEmpty()) {
            Alert alert = out.readValue();
            alerts.add(alert);
            onAlert.accept(alert);
        }
    }

    private record Timed(boolean access, TopicDump.Line line, long timestamp) {
    }

    /** Without a CreateTime prefix the record timestamp is taken from the content (CONTRACTS §2). */
    private static long timeOf(TopicDump.Line line, AccessLogParser parser, long fallback) {
        if (line.createTime() != null) {
            return line.createTime();
        }
        ParseOutcome outcome = parser.parse(line.value(), fallback);
        if (outcome instanceof ParseOutcome.Parsed parsed && parsed.record().endTime() != null) {
            return parsed.record().endTime().toEpochMilli();
        }
        return fallback;
    }

    private static long timeOf(TopicDump.Line line, LifecycleParser parser, long fallback) {
        if (line.createTime() != null) {
            return line.createTime();
        }
        LifecycleOutcome outcome = parser.parse(line.value(), fallback);
        if (outcome instanceof LifecycleOutcome.Facts facts && !facts.facts().isEmpty()) {
            return facts.facts().stream().map(LifecycleFact::time).filter(t -> t != null)
                    .mapToLong(Instant::toEpochMilli).max().orElse(fallback);
        }
        if (outcome instanceof LifecycleOutcome.PodObserved observed) {
            return io.resetwatch.lifecycle.PodTransitions.between(null, observed.snapshot(), fallback).stream()
                    .map(LifecycleFact::time).filter(t -> t != null).mapToLong(Instant::toEpochMilli).max()
                    .orElse(fallback);
        }
        return fallback;
    }

    /** Lines that state no time at all sit at the first time any line states (or now, if none does). */
    private long firstStatedTime(List<TopicDump.Line> access, List<TopicDump.Line> pods) {
        AccessLogParser parser = new AccessLogParser(settings.maxRecordBytes());
        long now = wallClock.millis();
        for (TopicDump.Line line : access) {
            if (line.createTime() != null) {
                return line.createTime();
            }
            if (parser.parse(line.value(), now) instanceof ParseOutcome.Parsed p
                    && "line".equals(p.record().timeSource())) {
                return p.record().endTime().toEpochMilli();
            }
        }
        for (TopicDump.Line line : pods) {
            if (line.createTime() != null) {
                return line.createTime();
            }
        }
        return now;
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("resetwatch-replay");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary state directory", e);
        }
    }

    private static void deleteQuietly(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // Best effort: a leftover temp dir is harmless.
        }
    }
}

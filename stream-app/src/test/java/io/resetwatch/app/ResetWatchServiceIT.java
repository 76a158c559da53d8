package io.resetwatch.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.resetwatch.config.Settings;
import io.resetwatch.demo.DemoStory;
import io.resetwatch.demo.MeshSimulator;
import io.resetwatch.kafka.EmbeddedKafka;
import io.resetwatch.model.Alert;
import io.resetwatch.replay.Replay;
import io.resetwatch.replay.TopicDump;
import io.resetwatch.serde.JsonSerde;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The service on a real broker, started through the same code path as {@code run}: records in the shapes real
 * agents produce go in; alerts, dead letters, health and metrics come out; and {@code replay} of the same
 * inputs agrees with the live service.
 */
class ResetWatchServiceIT {

    private static final Duration WAIT = Duration.ofSeconds(150);
    private static EmbeddedKafka kafka;

    @BeforeAll
    static void startBroker() {
        kafka = EmbeddedKafka.start(EmbeddedKafka.Options.defaults());
    }

    @AfterAll
    static void stopBroker() {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void shouldClassifyTheStoryLiveAndAgreeWithReplay() throws Exception {
        Settings settings = settingsWithUniqueTopics();
        Settings.Topics topics = settings.topics();
        kafka.createTopics(Map.of(topics.accessLogs(), 4, topics.podEvents(), 2));
        DemoStory story = DemoStory.script(Instant.now().minus(Duration.ofMinutes(10)).truncatedTo(ChronoUnit.MINUTES));
        List<String> garbage = List.of("{\"response_code\": ", "\u0000\u0001binary", "not an access log at all");
        produce(topics, story.mesh(), garbage);

        try (ResetWatchService service = new ResetWatchService(options(settings), Clock.systemUTC())) {
            service.start();
            awaitHttp(service.httpPort(), "/health/ready", 200);

            List<Alert> live = consumeUntil(topics.alerts(), story::satisfiedBy);
            assertThat(story.satisfiedBy(live)).as("alerts: %s", live).isTrue();
            assertThat(live).noneMatch(a -> a.service().equals("payments"));

            List<ConsumerRecord<byte[], byte[]>> deadLetters = consumeBytes(topics.deadLetters(), garbage.size());
            assertThat(deadLetters).extracting(r -> new String(r.value(), StandardCharsets.UTF_8))
                    .containsExactlyInAnyOrderElementsOf(garbage);
            assertThat(deadLetters).allSatisfy(r -> {
                assertThat(r.headers().lastHeader("resetwatch.reason")).isNotNull();
                assertThat(new String(r.headers().lastHeader("resetwatch.source.topic").value(), StandardCharsets.UTF_8))
                        .isEqualTo(topics.accessLogs());
            });

            String metrics = awaitHttp(service.httpPort(), "/metrics", 200);
            assertThat(metrics).contains("resetwatch_records_parsed_total", "resetwatch_dead_letters_total",
                    "resetwatch_alerts_total", "kafka_stream");
            String api = awaitHttp(service.httpPort(), "/api/alerts", 200);
            assertThat(api).startsWith("{\"alerts\":");

            Replay.Result replayed = new Replay(settings, Clock.systemUTC()).run(lines(story.mesh(), true, garbage),
                    lines(story.mesh(), false, List.of()), a -> { });
            assertThat(outcome(replayed.alerts())).isEqualTo(outcome(live));
            assertThat(replayed.rejected()).isEqualTo(garbage.size());
        }
    }

    @Test
    void shouldRefuseToStartWhenAnInputTopicIsMissing() {
        Settings settings = settingsWithUniqueTopics();
        kafka.createTopics(Map.of(settings.topics().accessLogs(), 1));
        ResetWatchService service = new ResetWatchService(options(settings), Clock.systemUTC());
        assertThatThrownBy(service::start)
                .isInstanceOf(ResetWatchService.StartupException.class)
                .hasMessageContaining("input topic '" + settings.topics().podEvents() + "' does not exist");
        service.close();
    }

    /** Per upstream: the final firing cause, its affected pods, and how the incident ended. */
    private static Map<String, List<String>> outcome(List<Alert> alerts) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (Alert a : alerts) {
            List<String> pods = a.pods().stream().filter(p -> p.resets() > 0).map(Alert.AlertPod::name).sorted().toList();
            out.put(a.alertKey(), List.of(a.status(), a.cause(), String.join(",", pods)));
        }
        return new java.util.TreeMap<>(out);
    }

    private static Settings settingsWithUniqueTopics() {
        String id = UUID.randomUUID().toString().substring(0, 8);
        Settings d = Settings.defaults();
        return new Settings(d.k8sCluster(), new Settings.Topics("access-" + id, "pods-" + id, "alerts-" + id,
                "dead-" + id, "facts-" + id), d.windowSize(), d.grace(), d.lookBack(), d.lookAhead(), d.clockSkew(),
                d.idleTimeout(), d.maxClockJump(), d.pagingHorizon(), d.factRetention(), d.thresholds(),
                d.thresholdOverrides(), d.excludedNamespaces(), d.excludedServices(), d.excludedPathPrefixes(),
                d.maxRecordBytes(), d.windowLimits(), d.maxEvidenceItems());
    }

    private static ServiceOptions options(Settings settings) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "it-" + settings.topics().alerts());
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
        props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, "127.0.0.1:0");
        try {
            props.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("it-state").toString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return new ServiceOptions(settings, props, "127.0.0.1", 0, true, true, 2, (short) 1, Duration.ofSeconds(20));
    }

    private static void produce(Settings.Topics topics, MeshSimulator mesh, List<String> garbage) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(),
                new StringSerializer())) {
            List<MeshSimulator.Emitted> records = mesh.records();
            for (int i = 0; i < records.size(); i++) {
                MeshSimulator.Emitted e = records.get(i);
                producer.send(new ProducerRecord<>(e.accessLog() ? topics.accessLogs() : topics.podEvents(), null,
                        e.timeMs(), null, e.value()));
                if (i == records.size() / 2) {
                    for (String bad : garbage) {
                        producer.send(new ProducerRecord<>(topics.accessLogs(), null, e.timeMs(), null, bad));
                    }
                }
            }
        }
    }

    /** The same records as files, in the order they were produced (the garbage in the middle of the logs). */
    private static List<TopicDump.Line> lines(MeshSimulator mesh, boolean accessLogs, List<String> garbage) {
        List<TopicDump.Line> out = new ArrayList<>();
        List<MeshSimulator.Emitted> records = mesh.records();
        for (int i = 0; i < records.size(); i++) {
            MeshSimulator.Emitted e = records.get(i);
            if (e.accessLog() == accessLogs) {
                out.add(new TopicDump.Line(out.size() + 1, e.value().getBytes(StandardCharsets.UTF_8), e.timeMs()));
            }
            if (accessLogs && i == records.size() / 2) {
                for (String bad : garbage) {
                    out.add(new TopicDump.Line(out.size() + 1, bad.getBytes(StandardCharsets.UTF_8), e.timeMs()));
                }
            }
        }
        return out;
    }

    private static List<Alert> consumeUntil(String topic, Predicate<List<Alert>> done) {
        List<Alert> alerts = new ArrayList<>();
        try (KafkaConsumer<String, Alert> consumer = new KafkaConsumer<>(consumerProps(), new StringDeserializer(),
                JsonSerde.of(Alert.class).deserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (System.nanoTime() < deadline && !done.test(alerts)) {
                consumer.poll(Duration.ofMillis(500)).forEach(r -> alerts.add(r.value()));
            }
            // Whatever else the same incidents still emit (e.g. the final resolve) within a short grace.
            long tail = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (System.nanoTime() < tail) {
                consumer.poll(Duration.ofMillis(500)).forEach(r -> alerts.add(r.value()));
            }
        }
        return alerts;
    }

    private static List<ConsumerRecord<byte[], byte[]>> consumeBytes(String topic, int atLeast) {
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProps(), new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline && out.size() < atLeast) {
                consumer.poll(Duration.ofMillis(500)).forEach(out::add);
            }
            consumer.poll(Duration.ofSeconds(1)).forEach(out::add);
        }
        return out;
    }

    private static Properties consumerProps() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "it-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return props;
    }

    private static String awaitHttp(int port, String path, int status) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        HttpResponse<String> last = null;
        while (System.nanoTime() < deadline) {
            last = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (last.statusCode() == status) {
                return last.body();
            }
            Thread.sleep(200);
        }
        throw new AssertionError(path + " never answered " + status + "; last: "
                + (last == null ? "none" : last.statusCode() + " " + last.body()));
    }
}

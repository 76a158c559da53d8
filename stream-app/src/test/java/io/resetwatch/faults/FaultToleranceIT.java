package io.resetwatch.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.resetwatch.config.Settings;
import io.resetwatch.demo.MeshSimulator;
import io.resetwatch.kafka.EmbeddedKafka;
import io.resetwatch.model.Alert;
import io.resetwatch.replay.Replay;
import io.resetwatch.replay.TopicDump;
import io.resetwatch.serde.JsonSerde;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

/**
 * Faults on a real broker against a long replayed incident story: the service is SIGKILLed mid-stream, the
 * broker bounces, the state directory is lost. The reference is the same topology run uninterrupted
 * ({@code replay}). Under exactly_once_v2 every incident's records arrive once each (revisions 1..n, no
 * duplicate, no gap) and every incident ends as in the reference; under at_least_once none is missing and a
 * duplicate is a byte-identical repeat of the same revision.
 */
@Disabled("known failures, open in issue 7: under at_least_once a re-processed first firing record can carry a"
        + " different cause than the copy already delivered (pod facts arrive asynchronously); with a second instance"
        + " joining and leaving, or after SIGKILLs / a broker bounce / a lost state directory under exactly_once_v2,"
        + " an incident went missing or its first record appeared twice. Remove this line to reproduce (~15 min).")
class FaultToleranceIT {

    private static final Instant START = Instant.now().minus(Duration.ofMinutes(35)).truncatedTo(ChronoUnit.MINUTES);
    private static EmbeddedKafka kafka;
    private static MeshSimulator story;
    private static Map<String, List<String>> reference;
    private static int incidents;

    @BeforeAll
    static void setUp() {
        kafka = EmbeddedKafka.start(EmbeddedKafka.Options.defaults());
        story = longStory();
        List<Alert> alerts = new Replay(Settings.defaults(), Clock.systemUTC()).run(lines(true), lines(false), a -> { })
                .alerts();
        reference = outcome(alerts);
        incidents = (int) alerts.stream().filter(a -> a.revision() == 1).count();
        assertThat(reference).hasSizeGreaterThanOrEqualTo(4);
    }

    @AfterAll
    static void tearDown() {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    @Disabled("known failure, issue 7: after SIGKILLs under exactly_once_v2 an incident (checkout) went missing")
    void shouldEmitEveryAlertExactlyOnceAcrossThreeKillsUnderExactlyOnce() throws Exception {
        Run run = new Run("exactly_once_v2");
        try (ChildService service = run.service()) {
            service.start();
            for (int kill = 0; kill < 3; kill++) {
                run.awaitAlerts(1 + kill, Duration.ofSeconds(120));
                service.kill();
                service.start();
            }
            List<Alert> alerts = run.awaitOutcome(Duration.ofSeconds(240));
            assertThat(outcome(alerts)).isEqualTo(reference);
            assertExactlyOnce(alerts);
        }
    }

    @Test
    void shouldMissNothingAcrossKillsUnderAtLeastOnce() throws Exception {
        Run run = new Run("at_least_once");
        try (ChildService service = run.service()) {
            service.start();
            for (int kill = 0; kill < 3; kill++) {
                run.awaitAlerts(1 + kill, Duration.ofSeconds(120));
                service.kill();
                service.start();
            }
            List<Alert> alerts = run.awaitOutcome(Duration.ofSeconds(240));
            assertThat(outcome(alerts)).isEqualTo(reference);
            Map<String, List<Alert>> byRevision = alerts.stream()
                    .collect(Collectors.groupingBy(a -> a.alertKey() + "#" + a.startedAt() + "#" + a.revision()));
            byRevision.values().forEach(copies -> assertThat(copies).as("duplicates are identical").containsOnly(copies.get(0)));
        }
    }

    @Test
    @Disabled("known failure, issue 7: after a broker bounce one incident's first firing record appeared twice")
    void shouldRecoverByItselfFromABrokerBounce() throws Exception {
        Run run = new Run("exactly_once_v2");
        try (ChildService service = run.service()) {
            service.start();
            run.awaitAlerts(1, Duration.ofSeconds(120));
            kafka.kill();
            kafka.restart();
            List<Alert> alerts = run.awaitOutcome(Duration.ofSeconds(300));
            assertThat(outcome(alerts)).isEqualTo(reference);
            assertExactlyOnce(alerts);
        }
    }

    @Test
    @Disabled("known failure, issue 7: after losing the state directory one incident was missing, another UNKNOWN")
    void shouldRestoreFromChangelogsWhenTheStateDirectoryIsLost() throws Exception {
        Run run = new Run("exactly_once_v2");
        try (ChildService service = run.service()) {
            service.start();
            run.awaitAlerts(2, Duration.ofSeconds(120));
            service.close();
            deleteRecursively(run.stateDir);
            service.start();
            List<Alert> alerts = run.awaitOutcome(Duration.ofSeconds(240));
            assertThat(outcome(alerts)).isEqualTo(reference);
            assertExactlyOnce(alerts);
        }
    }

    @Test
    void shouldGiveTheSameAlertsWhenASecondInstanceJoinsAndLeaves() throws Exception {
        Run run = new Run("exactly_once_v2");
        try (ChildService first = run.service(); ChildService second = run.secondInstance()) {
            first.start();
            run.awaitAlerts(1, Duration.ofSeconds(120));
            second.start();
            run.awaitAlerts(3, Duration.ofSeconds(120));
            second.close();
            List<Alert> alerts = run.awaitOutcome(Duration.ofSeconds(240));
            assertThat(outcome(alerts)).isEqualTo(reference);
            assertExactlyOnce(alerts);
        }
    }

    /** One test's topics, application id, state directory and configuration; the story is produced at once. */
    private static final class Run {
        final String id = UUID.randomUUID().toString().substring(0, 8);
        final Path stateDir;
        final Path config;
        final Path log;
        final List<Alert> received = new ArrayList<>();
        final KafkaConsumer<String, Alert> consumer;

        Run(String guarantee) throws Exception {
            kafka.createTopics(Map.of("access-" + id, 4, "pods-" + id, 2));
            stateDir = Files.createTempDirectory("faults-state");
            log = Files.createTempFile("faults-" + id, ".log");
            config = Files.createTempFile("faults", ".properties");
            Files.writeString(config, String.join("\n",
                    "application.id=faults-" + id,
                    "processing.guarantee=" + guarantee,
                    "input.access-logs.topic=access-" + id,
                    "input.pod-events.topic=pods-" + id,
                    "output.alerts.topic=alerts-" + id,
                    "output.dead-letters.topic=dead-" + id,
                    "internal.lifecycle-facts.topic=facts-" + id,
                    "topics.replication-factor=1",
                    "topics.partitions=2",
                    "http.port=0",
                    "http.host=127.0.0.1",
                    "http.advertised-host=127.0.0.1",
                    "state.dir=" + stateDir,
                    // A killed member stays in the group until its session times out; a static member
                    // that comes back under the same id takes its place at once.
                    "kafka.group.instance.id=faults-" + id,
                    "kafka.session.timeout.ms=10000",
                    "kafka.max.poll.records=500"));
            produce("access-" + id, "pods-" + id);
            Properties props = new Properties();
            props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
            props.put(ConsumerConfig.GROUP_ID_CONFIG, "reader-" + id);
            props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
            consumer = new KafkaConsumer<>(props, new StringDeserializer(), JsonSerde.of(Alert.class).deserializer());
            consumer.subscribe(List.of("alerts-" + id));
        }

        ChildService service() {
            return new ChildService(config, Map.of("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers()), log);
        }

        /** The same application on its own state directory, as another pod of the StatefulSet would be. */
        ChildService secondInstance() throws Exception {
            Path secondConfig = Files.createTempFile("faults-second", ".properties");
            Files.writeString(secondConfig, Files.readString(config)
                    .replace("state.dir=" + stateDir, "state.dir=" + Files.createTempDirectory("faults-state-2"))
                    .replace("kafka.group.instance.id=faults-" + id, "kafka.group.instance.id=faults-2-" + id));
            return new ChildService(secondConfig, Map.of("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers()), log);
        }

        void awaitAlerts(int count, Duration timeout) throws Exception {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (received.size() < count) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("only " + received.size() + " alerts; service log: " + Files.readString(log));
                }
                poll();
            }
        }

        /** Until every reference incident has its final record, then a quiet period for stragglers. */
        List<Alert> awaitOutcome(Duration timeout) throws Exception {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!outcome(received).equals(reference) && System.nanoTime() < deadline) {
                poll();
            }
            long quiet = System.nanoTime() + Duration.ofSeconds(8).toNanos();
            while (System.nanoTime() < quiet) {
                poll();
            }
            consumer.close();
            return List.copyOf(received);
        }

        private void poll() {
            consumer.poll(Duration.ofMillis(500)).forEach(r -> received.add(r.value()));
        }
    }

    private static void assertExactlyOnce(List<Alert> alerts) {
        Map<String, List<Integer>> revisions = new TreeMap<>();
        for (Alert a : alerts) {
            revisions.computeIfAbsent(a.alertKey() + "@" + a.startedAt(), k -> new ArrayList<>()).add(a.revision());
        }
        revisions.forEach((incident, revs) -> {
            List<Integer> expected = new ArrayList<>();
            for (int i = 1; i <= revs.size(); i++) {
                expected.add(i);
            }
            assertThat(revs).as("revisions of %s: one record each, none missing", incident).isEqualTo(expected);
        });
        assertThat(revisions).hasSize(incidents);
    }

    /** Per upstream: the final status, final cause and its affected pods. */
    static Map<String, List<String>> outcome(List<Alert> alerts) {
        Map<String, List<String>> out = new TreeMap<>();
        for (Alert a : alerts) {
            String pods = a.pods().stream().filter(p -> p.resets() > 0).map(Alert.AlertPod::name).sorted()
                    .collect(Collectors.joining(","));
            out.put(a.alertKey(), List.of(a.status(), a.cause(), pods));
        }
        return out;
    }

    /** Thirty minutes of a mesh with four incidents, about 150,000 records. */
    private static MeshSimulator longStory() {
        MeshSimulator mesh = new MeshSimulator(11);
        Instant before = START.minus(Duration.ofHours(1));
        var checkout = mesh.service("shop", "checkout", 3, before, "node-a", "node-b");
        var cart = mesh.service("shop", "cart", 4, before, "node-a", "node-b");
        var catalog = mesh.service("shop", "catalog", 3, before, "node-a", "node-b", "node-c");
        var payments = mesh.service("pay", "payments", 2, before, "node-c");
        for (var s : List.of(checkout, cart, catalog, payments)) {
            mesh.traffic(s, START, Duration.ofMinutes(30), 10);
        }
        mesh.oomKill(checkout.pods().get(1), START.plus(Duration.ofMinutes(3)), "256Mi", 30);
        mesh.rolloutWithoutDrain(cart.pods().get(2), START.plus(Duration.ofMinutes(9)), 24);
        mesh.keepAliveRace(catalog, START.plus(Duration.ofMinutes(14)), Duration.ofMinutes(4), 4);
        mesh.crash(payments.pods().get(0), START.plus(Duration.ofMinutes(22)), 30);
        return mesh;
    }

    private static List<TopicDump.Line> lines(boolean accessLogs) {
        List<TopicDump.Line> out = new ArrayList<>();
        for (MeshSimulator.Emitted e : story.records()) {
            if (e.accessLog() == accessLogs) {
                out.add(new TopicDump.Line(out.size() + 1, e.value().getBytes(StandardCharsets.UTF_8), e.timeMs()));
            }
        }
        return out;
    }

    private static void produce(String accessTopic, String podTopic) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(),
                new StringSerializer())) {
            for (MeshSimulator.Emitted e : story.records()) {
                producer.send(new ProducerRecord<>(e.accessLog() ? accessTopic : podTopic, null, e.timeMs(), null,
                        e.value()));
            }
        }
    }

    private static void deleteRecursively(Path dir) throws Exception {
        try (var paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}

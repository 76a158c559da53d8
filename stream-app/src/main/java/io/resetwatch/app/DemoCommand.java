package io.resetwatch.app;

import io.resetwatch.config.Settings;
import io.resetwatch.demo.DemoStory;
import io.resetwatch.demo.MeshSimulator;
import io.resetwatch.kafka.EmbeddedKafka;
import io.resetwatch.model.Alert;
import io.resetwatch.serde.JsonSerde;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code resetwatch demo}: the real service on a real single-node Kafka started here, fed a scripted incident
 * story (an OOM kill, a rollout without draining, a keep-alive race, healthy traffic). The story's last ten
 * minutes of event time are produced at once, as a backlog: windows close by event time exactly as they
 * would live, so the whole story plays out in well under two minutes.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Start an embedded Kafka broker, run resetwatch on it, play a scripted incident story "
                + "and print the alerts as they arrive.",
                "With --follow, keep the broker and service running and print the bootstrap address."})
final class DemoCommand implements Callable<Integer> {

    @Option(names = "--follow", description = "keep the broker and the service running after the story")
    boolean follow;

    @Option(names = "--timeout", description = "give up waiting for the story's alerts after this long "
            + "(default: ${DEFAULT-VALUE})")
    Duration timeout = Duration.ofSeconds(100);

    @Option(names = "--verbose", description = "print stack traces on failure")
    boolean verbose;

    @Override
    public Integer call() throws Exception {
        long started = System.nanoTime();
        // The demo prints its own story; the service's state-change lines would bury it.
        org.apache.logging.log4j.core.config.Configurator.setLevel("org.apache.kafka.streams.KafkaStreams",
                org.apache.logging.log4j.Level.WARN);
        org.apache.logging.log4j.core.config.Configurator.setLevel("io.resetwatch.app", org.apache.logging.log4j.Level.WARN);
        // Exactly-once on one small broker makes producers retry transactional writes now and then (logged at
        // WARN, handled by the client); the demo's reader should not mistake them for failures.
        org.apache.logging.log4j.core.config.Configurator.setLevel("org.apache.kafka.clients", org.apache.logging.log4j.Level.ERROR);
        Settings settings = Settings.defaults();
        Settings.Topics topics = settings.topics();
        System.out.println("resetwatch demo: starting a single-node Kafka (KRaft) broker ...");
        try (EmbeddedKafka kafka = EmbeddedKafka.start(EmbeddedKafka.Options.defaults())) {
            kafka.createTopics(Map.of(topics.accessLogs(), 4, topics.podEvents(), 2));
            System.out.println("resetwatch demo: broker up at " + kafka.bootstrapServers());
            Path stateDir = Files.createTempDirectory("resetwatch-demo-state");
            Properties props = new Properties();
            props.put(StreamsConfig.APPLICATION_ID_CONFIG, "resetwatch-demo");
            props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
            props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
            props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
            props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
            props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 2);
            props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, "127.0.0.1:0");
            ServiceOptions options = new ServiceOptions(settings, props, "127.0.0.1", 0, true, true, 4, (short) 1,
                    Duration.ofSeconds(20));
            try (ResetWatchService service = new ResetWatchService(options, Clock.systemUTC())) {
                service.start();
                System.out.printf("resetwatch demo: service running; metrics at http://127.0.0.1:%d/metrics%n",
                        service.httpPort());
                Instant storyStart = Instant.now().minus(Duration.ofMinutes(10)).truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
                DemoStory story = DemoStory.script(storyStart);
                produce(kafka.bootstrapServers(), topics, story.mesh());
                System.out.printf("resetwatch demo: produced %d access-log lines and %d pod events covering %s .. %s%n",
                        story.accessLogs(), story.podEvents(), storyStart, storyStart.plus(story.length()));
                System.out.println();
                List<Alert> alerts = watchAlerts(kafka.bootstrapServers(), topics.alerts(), story, timeout);
                System.out.println();
                printSummary(alerts, story, (System.nanoTime() - started) / 1_000_000_000.0);
                if (follow) {
                    System.out.println("resetwatch demo: following. Bootstrap servers: " + kafka.bootstrapServers());
                    System.out.println("  produce access logs to '" + topics.accessLogs() + "', pod events to '"
                            + topics.podEvents() + "'; alerts appear on '" + topics.alerts() + "'. Ctrl-C stops.");
                    CountDownLatch forever = new CountDownLatch(1);
                    Runtime.getRuntime().addShutdownHook(new Thread(forever::countDown));
                    forever.await();
                }
                return story.satisfiedBy(alerts) ? 0 : 1;
            }
        }
    }

    private static void produce(String bootstrap, Settings.Topics topics, MeshSimulator mesh) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            for (MeshSimulator.Emitted e : mesh.records()) {
                String topic = e.accessLog() ? topics.accessLogs() : topics.podEvents();
                producer.send(new ProducerRecord<>(topic, null, e.timeMs(), null, e.value()));
            }
            producer.flush();
        }
    }

    private static List<Alert> watchAlerts(String bootstrap, String topic, DemoStory story, Duration timeout) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "resetwatch-demo-printer");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<Alert> alerts = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<String, Alert> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                JsonSerde.of(Alert.class).deserializer())) {
            consumer.subscribe(List.of(topic));
            while (System.nanoTime() < deadline && !story.satisfiedBy(alerts)) {
                for (ConsumerRecord<String, Alert> record : consumer.poll(Duration.ofMillis(500))) {
                    alerts.add(record.value());
                    System.out.println(format(record.value()));
                }
            }
        }
        return alerts;
    }

    static String format(Alert a) {
        String time = (a.resolvedAt() != null ? a.resolvedAt() : a.windowEnd()).toString();
        List<String> pods = a.pods().stream().filter(p -> p.resets() > 0).map(Alert.AlertPod::name).limit(3).toList();
        return String.format(Locale.ROOT, "%s  %-8s %-22s %-20s %3.0f%%  pods=%s%n    %s",
                time, a.status().toUpperCase(Locale.ROOT), a.namespace() + "/" + a.service(), a.cause(),
                a.confidence() * 100, pods, a.summary())
                + (a.firing() && a.remediation() != null ? "\n    fix: " + a.remediation() : "");
    }

    private static void printSummary(List<Alert> alerts, DemoStory story, double seconds) {
        System.out.printf(Locale.ROOT, "resetwatch demo: %d alert records in %.0f s%n", alerts.size(), seconds);
        for (DemoStory.Expectation e : story.expectations()) {
            String got = alerts.stream().filter(a -> a.service().equals(e.service()) && a.firing())
                    .reduce((first, second) -> second).map(Alert::cause).orElse("no alert");
            System.out.printf("  %-10s expected %-20s got %s%n", e.service(), e.cause() == null ? "no alert" : e.cause(),
                    got);
        }
    }
}

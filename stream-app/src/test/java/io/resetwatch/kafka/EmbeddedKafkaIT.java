package io.resetwatch.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaIT {

    private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);
    private static final String EXTRA_LISTENER = "EXTERNAL";

    private static EmbeddedKafka kafka;

    @BeforeAll
    static void startBroker() {
        long started = System.nanoTime();
        // A second PLAINTEXT listener shows that extra properties add listeners rather than replace them.
        kafka = EmbeddedKafka.start(EmbeddedKafka.Options.defaults().withExtraBrokerProperties(Map.of(
                "listeners", EXTRA_LISTENER + "://127.0.0.1:" + EmbeddedKafka.freePort(),
                "listener.security.protocol.map", EXTRA_LISTENER + ":PLAINTEXT")));
        System.out.printf("EmbeddedKafkaIT: broker started in %d ms%n",
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    }

    @AfterAll
    static void stopBroker() {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void shouldDeliverEveryProducedRecordToAConsumerGroup() throws Exception {
        String topic = uniqueTopic();
        kafka.createTopics(Map.of(topic, 4));

        List<String> sent = IntStream.range(0, 1000).mapToObj(i -> "record-" + i).toList();
        try (KafkaProducer<String, String> producer = producer(Map.of())) {
            for (String value : sent) {
                producer.send(new ProducerRecord<>(topic, value, value));
            }
            producer.flush();
        }

        List<String> received = readValues(topic, "read_uncommitted", sent.size());
        assertThat(received).containsExactlyInAnyOrderElementsOf(sent);
    }

    @Test
    void shouldShowOnlyCommittedTransactionsToReadCommittedConsumers() throws Exception {
        String topic = uniqueTopic();
        kafka.createTopics(Map.of(topic, 2));

        try (KafkaProducer<String, String> producer = producer(Map.of(
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "tx-" + topic))) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "k", "aborted"));
            producer.flush();
            producer.abortTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "k", "committed-1"));
            producer.send(new ProducerRecord<>(topic, "k", "committed-2"));
            producer.commitTransaction();
        }

        assertThat(readValues(topic, "read_committed", 2)).containsExactly("committed-1", "committed-2");
    }

    @Test
    void shouldKeepRecordsWrittenBeforeAKillAndServeThemAfterRestart() throws Exception {
        String topic = uniqueTopic();
        kafka.createTopics(Map.of(topic, 4));
        String bootstrapBefore = kafka.bootstrapServers();
        List<String> sent = IntStream.range(0, 100).mapToObj(i -> "durable-" + i).toList();
        try (KafkaProducer<String, String> producer = producer(Map.of())) {
            for (String value : sent) {
                producer.send(new ProducerRecord<>(topic, value, value)).get();
            }
        }

        kafka.kill();
        assertThat(answers(bootstrapBefore)).as("broker port answers after kill").isFalse();
        kafka.restart();

        assertThat(kafka.bootstrapServers()).isEqualTo(bootstrapBefore);
        assertThat(readValues(topic, "read_uncommitted", sent.size())).containsExactlyInAnyOrderElementsOf(sent);
    }

    @Test
    void shouldAnswerOnAListenerAddedThroughExtraProperties() throws Exception {
        String extra = kafka.bootstrapServers(EXTRA_LISTENER);
        assertThat(extra).isNotEqualTo(kafka.bootstrapServers());

        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, extra))) {
            assertThat(admin.describeCluster().nodes().get(30, TimeUnit.SECONDS)).hasSize(1);
        }
    }

    @Test
    void shouldAcceptRecordsWithTimestampsYearsInThePast() throws Exception {
        String topic = uniqueTopic();
        kafka.createTopics(Map.of(topic, 1));
        long longAgo = java.time.Instant.parse("2019-03-01T12:00:00Z").toEpochMilli();

        try (KafkaProducer<String, String> producer = producer(Map.of())) {
            producer.send(new ProducerRecord<>(topic, null, longAgo, "k", "replayed")).get(30, TimeUnit.SECONDS);
        }

        assertThat(readValues(topic, "read_uncommitted", 1)).containsExactly("replayed");
    }

    @Test
    void shouldDeleteItsTemporaryDirectoryAndLeaveNoProcessWhenClosed() {
        Set<Long> before = descendantPids();
        EmbeddedKafka own = EmbeddedKafka.start(EmbeddedKafka.Options.defaults());
        Path workDir = own.workDir();
        Set<Long> started = descendantPids();
        started.removeAll(before);
        assertThat(started).isNotEmpty();
        assertThat(workDir).isDirectory();

        own.close();

        assertThat(workDir).doesNotExist();
        assertThat(started).noneMatch(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
    }

    @Test
    void shouldFailToStartWithTheReasonWhenTheBrokerConfigurationIsInvalid(@TempDir Path workDir) {
        EmbeddedKafka.Options invalid = EmbeddedKafka.Options.defaults()
                .withWorkDir(workDir)
                .withExtraBrokerProperties(Map.of("num.io.threads", "not-a-number"));

        assertThatThrownBy(() -> EmbeddedKafka.start(invalid))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("num.io.threads");
    }

    private static List<String> readValues(String topic, String isolation, int expected) {
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "group-" + topic,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation),
                new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
            while (values.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    values.add(record.value());
                }
            }
            // One more poll: anything beyond the expected count (e.g. an aborted record) would show here.
            consumer.poll(Duration.ofMillis(500)).forEach(record -> values.add(record.value()));
        }
        return values;
    }

    private static KafkaProducer<String, String> producer(Map<String, Object> extra) {
        Map<String, Object> config = new java.util.HashMap<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 5));
        config.putAll(extra);
        return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
    }

    private static boolean answers(String hostAndPort) {
        int colon = hostAndPort.lastIndexOf(':');
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(hostAndPort.substring(0, colon),
                    Integer.parseInt(hostAndPort.substring(colon + 1))), 1_000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static Set<Long> descendantPids() {
        return ProcessHandle.current().descendants().map(ProcessHandle::pid).collect(Collectors.toSet());
    }

    private static String uniqueTopic() {
        return "it-" + UUID.randomUUID();
    }
}

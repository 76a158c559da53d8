package io.resetwatch.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

/** The Kafka Streams configuration: our keys in Kafka's names, our client defaults, the user's Kafka properties. */
class StreamsPropertiesTest {

    @Test
    void shouldCarryResetwatchKeysUnderKafkaNames() {
        RuntimeConfig cfg = RuntimeConfig.load(null, Map.of("POD_IP", "10.1.2.3"), Map.of(
                "application.id", "resetwatch-eu", "processing.guarantee", "at_least_once",
                "state.dir", "/var/lib/resetwatch", "topics.replication-factor", "3", "http.port", "8081"));
        assertThat(cfg.streamsProperties())
                .containsEntry(StreamsConfig.APPLICATION_ID_CONFIG, "resetwatch-eu")
                .containsEntry(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, "at_least_once")
                .containsEntry(StreamsConfig.STATE_DIR_CONFIG, "/var/lib/resetwatch")
                .containsEntry(StreamsConfig.REPLICATION_FACTOR_CONFIG, "3")
                .containsEntry(StreamsConfig.APPLICATION_SERVER_CONFIG, "10.1.2.3:8081")
                .containsEntry(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:9092")
                .containsEntry(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, "true");
    }

    @Test
    void shouldPreferTheConfiguredAdvertisedHostToThePodIp() {
        RuntimeConfig cfg = RuntimeConfig.load(null, Map.of("POD_IP", "10.1.2.3"),
                Map.of("http.advertised-host", "resetwatch-0.resetwatch-headless"));
        assertThat(cfg.streamsProperties())
                .containsEntry(StreamsConfig.APPLICATION_SERVER_CONFIG, "resetwatch-0.resetwatch-headless:8080");
    }

    @Test
    void shouldCompressWhatItProducesUnlessTold() {
        assertThat(RuntimeConfig.load(null, Map.of(), Map.of()).streamsProperties())
                .containsEntry("producer.compression.type", "lz4");
        assertThat(RuntimeConfig.load(null, Map.of("KAFKA_PRODUCER_COMPRESSION_TYPE", "zstd"), Map.of())
                .streamsProperties())
                .containsEntry("producer.compression.type", "zstd");
    }

    @Test
    void shouldBeAcceptedByKafkaStreams() {
        StreamsConfig config = new StreamsConfig(RuntimeConfig.load(null,
                Map.of("KAFKA_CONSUMER_MAX_POLL_RECORDS", "2000"), Map.of("http.advertised-host", "localhost"))
                .streamsProperties());
        assertThat(config.getString(StreamsConfig.PROCESSING_GUARANTEE_CONFIG)).isEqualTo("exactly_once_v2");
        assertThat(config.getMainConsumerConfigs("resetwatch", "c", 0)).containsEntry("max.poll.records", "2000");
    }
}

package io.resetwatch.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuntimeConfigTest {

    @TempDir
    Path dir;

    @Test
    void shouldYieldTheDocumentedDefaultsWhenNothingIsSet() {
        RuntimeConfig cfg = RuntimeConfig.load(null, Map.of(), Map.of());
        assertThat(cfg.settings()).isEqualTo(Settings.defaults());
        assertThat(cfg.processingGuarantee()).isEqualTo("exactly_once_v2");
        assertThat(cfg.httpPort()).isEqualTo(8080);
        assertThat(cfg.kafka().getProperty("bootstrap.servers")).isEqualTo("localhost:9092");
    }

    @Test
    void shouldLetTheFileOverrideDefaultsTheEnvironmentOverrideTheFileAndFlagsOverrideAll() throws IOException {
        Path file = write("window.size=30s\nwindow.grace=45s\nhttp.port=9000\n");
        RuntimeConfig cfg = RuntimeConfig.load(file, Map.of("RESETWATCH_WINDOW_GRACE", "50s",
                "RESETWATCH_HTTP_PORT", "9100"), Map.of("http.port", "9200"));
        assertThat(cfg.settings().windowSize()).isEqualTo(Duration.ofSeconds(30));
        assertThat(cfg.settings().grace()).isEqualTo(Duration.ofSeconds(50));
        assertThat(cfg.httpPort()).isEqualTo(9200);
    }

    @Test
    void shouldPassKafkaVariablesAndKafkaKeysThroughAsClientProperties() throws IOException {
        Path file = write("kafka.bootstrap.servers=broker:9092\nkafka.max.poll.records=2000\n");
        RuntimeConfig cfg = RuntimeConfig.load(file, Map.of("KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
                "KAFKA_GROUP_INSTANCE_ID", "resetwatch-0", "KAFKA_PORT", "tcp://10.0.0.1:9092"), Map.of());
        assertThat(cfg.streamsProperties())
                .containsEntry("bootstrap.servers", "broker:9092")
                .containsEntry("max.poll.records", "2000")
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("group.instance.id", "resetwatch-0")
                .doesNotContainKey("port");
    }

    @Test
    void shouldApplyNamespaceAndServiceOverridesWithTheMostSpecificWinning() throws IOException {
        Path file = write("threshold.override.payments.burst.min-failed=10\n"
                + "threshold.override.payments.checkout-api.burst.min-failed=20\n"
                + "threshold.override.payments.checkout-api.resolve.windows=5\n");
        Settings settings = RuntimeConfig.load(file, Map.of(), Map.of()).settings();
        assertThat(settings.thresholdsFor("payments", "checkout-api").burstMinFailed()).isEqualTo(20);
        assertThat(settings.thresholdsFor("payments", "checkout-api").resolveWindows()).isEqualTo(5);
        assertThat(settings.thresholdsFor("payments", "ledger").burstMinFailed()).isEqualTo(10);
        assertThat(settings.thresholdsFor("shop", "cart").burstMinFailed()).isEqualTo(5);
    }

    @Test
    void shouldNameTheKeyOfAnInvalidValue() throws IOException {
        assertInvalid("window.size=soon", "window.size");
        assertInvalid("window.size=-5s", "window.size");
        assertInvalid("threshold.burst.min-ratio=1.5", "threshold.burst.min-ratio");
        assertInvalid("processing.guarantee=exactly_once", "processing.guarantee");
        assertInvalid("windw.size=60s", "windw.size");
        assertInvalid("join.look-ahead=90s", "join.look-ahead");
        assertInvalid("threshold.override.payments.burst.min-failures=3", "threshold.override.payments.burst.min-failures");
        assertThatThrownBy(() -> RuntimeConfig.load(null, Map.of("RESETWATCH_WINDOW_SIZ", "1m"), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("RESETWATCH_WINDOW_SIZ:");
    }

    @Test
    void shouldMaskSecretsWhenDescribingTheConfiguration() {
        String jaas = "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"u\" password=\"hunter2\";";
        RuntimeConfig cfg = RuntimeConfig.load(null, Map.of("KAFKA_SASL_JAAS_CONFIG", jaas,
                "KAFKA_SSL_TRUSTSTORE_PASSWORD", "s3cret"), Map.of());
        assertThat(cfg.streamsProperties()).containsEntry("sasl.jaas.config", jaas);
        assertThat(cfg.describe().toString()).doesNotContain("hunter2", "s3cret")
                .contains("kafka.sasl.jaas.config=****");
    }

    private void assertInvalid(String line, String key) throws IOException {
        Path file = write(line + "\n");
        assertThatThrownBy(() -> RuntimeConfig.load(file, Map.of(), Map.of()).processingGuarantee())
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(key + ":");
    }

    private Path write(String content) throws IOException {
        Path file = Files.createTempFile(dir, "resetwatch", ".properties");
        Files.writeString(file, content);
        return file;
    }
}

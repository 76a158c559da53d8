package io.resetwatch.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Defaults → --config file → environment → flags: each layer overrides the one before it, key by key. */
class LayeringTest {

    @TempDir
    Path dir;

    @Test
    void shouldLetTheFileOverrideTheDefaults() {
        Path file = ConfigFiles.write(dir, "window.size=30s");
        RuntimeConfig cfg = RuntimeConfig.load(file, Map.of(), Map.of());
        assertThat(cfg.settings().windowSize()).isEqualTo(Duration.ofSeconds(30));
        assertThat(cfg.settings().grace()).isEqualTo(Settings.defaults().grace());
    }

    @Test
    void shouldLetTheEnvironmentOverrideTheFile() {
        Path file = ConfigFiles.write(dir, "window.grace=45s", "http.port=9000");
        RuntimeConfig cfg = RuntimeConfig.load(file, Map.of("RESETWATCH_WINDOW_GRACE", "50s"), Map.of());
        assertThat(cfg.settings().grace()).isEqualTo(Duration.ofSeconds(50));
        assertThat(cfg.httpPort()).isEqualTo(9000);
    }

    @Test
    void shouldLetFlagsOverrideTheEnvironment() {
        Path file = ConfigFiles.write(dir, "http.port=9000");
        RuntimeConfig cfg = RuntimeConfig.load(file, Map.of("RESETWATCH_HTTP_PORT", "9100"),
                Map.of("http.port", "9200"));
        assertThat(cfg.httpPort()).isEqualTo(9200);
    }

    @Test
    void shouldMapEveryResetwatchVariableToItsKeyWithDotsAndDashesAsUnderscores() {
        assertThat(RuntimeConfig.variableName("window.size")).isEqualTo("RESETWATCH_WINDOW_SIZE");
        assertThat(RuntimeConfig.variableName("input.access-logs.topic")).isEqualTo("RESETWATCH_INPUT_ACCESS_LOGS_TOPIC");
        RuntimeConfig cfg = RuntimeConfig.load(null, Map.of(
                "RESETWATCH_INPUT_ACCESS_LOGS_TOPIC", "istio-logs",
                "RESETWATCH_K8S_CLUSTER", "prod-eu-1",
                "RESETWATCH_THRESHOLD_BURST_MIN_FAILED", "9",
                "RESETWATCH_PROCESSING_GUARANTEE", "at_least_once"), Map.of());
        assertThat(cfg.settings().topics().accessLogs()).isEqualTo("istio-logs");
        assertThat(cfg.settings().k8sCluster()).isEqualTo("prod-eu-1");
        assertThat(cfg.settings().thresholds().burstMinFailed()).isEqualTo(9);
        assertThat(cfg.processingGuarantee()).isEqualTo("at_least_once");
    }

    @Test
    void shouldGiveEveryKeyItsOwnVariable() {
        Map<String, String> keyByVariable = new HashMap<>();
        RuntimeConfig.defaults().keySet().stream().filter(k -> !k.startsWith("kafka."))
                .forEach(key -> assertThat(keyByVariable.put(RuntimeConfig.variableName(key), key))
                        .as("variable of %s", key).isNull());
    }

    @Test
    void shouldPassKafkaVariablesThroughAsClientProperties() {
        RuntimeConfig cfg = RuntimeConfig.load(null, Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", "broker-0:9092,broker-1:9092",
                "KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
                "KAFKA_GROUP_INSTANCE_ID", "resetwatch-0",
                "KAFKA_CONSUMER_MAX_POLL_RECORDS", "2000"), Map.of());
        assertThat(cfg.kafka())
                .containsEntry("bootstrap.servers", "broker-0:9092,broker-1:9092")
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("group.instance.id", "resetwatch-0")
                .containsEntry("consumer.max.poll.records", "2000");
    }

    @Test
    void shouldPassKafkaPrefixedKeysOfTheFileThroughWithoutThePrefix() {
        Path file = ConfigFiles.write(dir, "kafka.bootstrap.servers=broker:9092", "kafka.max.poll.records=2000");
        RuntimeConfig cfg = RuntimeConfig.load(file, Map.of(), Map.of());
        assertThat(cfg.kafka()).containsEntry("bootstrap.servers", "broker:9092")
                .containsEntry("max.poll.records", "2000");
    }

    @Test
    void shouldLetKafkaVariablesOverrideKafkaKeysOfTheFile() {
        Path file = ConfigFiles.write(dir, "kafka.bootstrap.servers=from-file:9092");
        RuntimeConfig cfg = RuntimeConfig.load(file, Map.of("KAFKA_BOOTSTRAP_SERVERS", "from-env:9092"), Map.of());
        assertThat(cfg.kafka()).containsEntry("bootstrap.servers", "from-env:9092");
    }

    @Test
    void shouldDefaultTheBootstrapServersToLocalhostOnlyWhenNothingSetsThem() {
        assertThat(RuntimeConfig.load(null, Map.of(), Map.of()).kafka())
                .containsEntry("bootstrap.servers", "localhost:9092");
    }

    @Test
    void shouldIgnoreKubernetesServiceLinkVariablesButReportThem() {
        // What the kubelet injects for the base's Service "resetwatch" and for a Service "kafka".
        RuntimeConfig cfg = RuntimeConfig.load(null, Map.of(
                "RESETWATCH_SERVICE_HOST", "10.96.0.12",
                "RESETWATCH_SERVICE_PORT", "8080",
                "RESETWATCH_SERVICE_PORT_HTTP", "8080",
                "RESETWATCH_PORT", "tcp://10.96.0.12:8080",
                "RESETWATCH_PORT_8080_TCP", "tcp://10.96.0.12:8080",
                "RESETWATCH_PORT_8080_TCP_ADDR", "10.96.0.12",
                "KAFKA_PORT", "tcp://10.96.0.20:9092"), Map.of());
        assertThat(cfg.httpPort()).isEqualTo(8080);
        assertThat(cfg.kafka()).doesNotContainKey("port");
        assertThat(cfg.ignoredVariables()).contains("RESETWATCH_PORT", "RESETWATCH_SERVICE_HOST", "KAFKA_PORT");
    }

    @Test
    void shouldIgnoreVariablesOfOtherApplications() {
        RuntimeConfig cfg = RuntimeConfig.load(null, Map.of("HOME", "/root", "RESETWATCHER", "x"), Map.of());
        assertThat(cfg.settings()).isEqualTo(Settings.defaults());
    }

    @Test
    void shouldLoadTheKubernetesConfigMapUnchanged() {
        Path configMap = ConfigurationDocumentationTest.repositoryRoot()
                .resolve("deploy/kustomize/base/resetwatch.properties");
        RuntimeConfig cfg = RuntimeConfig.load(configMap, Map.of("RESETWATCH_K8S_CLUSTER", "prod-eu-1"), Map.of());
        assertThat(cfg.stateDir()).isEqualTo(Path.of("/var/lib/resetwatch"));
        assertThat(cfg.settings().k8sCluster()).isEqualTo("prod-eu-1");
        assertThat(cfg.processingGuarantee()).isEqualTo("exactly_once_v2");
    }

    @Test
    void shouldSayWhichConfigFileIsMissing() {
        assertThatThrownBy(() -> RuntimeConfig.load(dir.resolve("absent.properties"), Map.of(), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("--config: no such file");
    }
}

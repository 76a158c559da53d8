package io.resetwatch.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every invalid value stops the start with a ConfigException naming the key it came from. */
class ValidationTest {

    /** One invalid value per key; a key added to the defaults file needs one here too. */
    private static final Map<String, String> INVALID = new LinkedHashMap<>();
    /** Keys with no invalid value: anything goes (a host name to advertise, Kafka's own settings). */
    private static final Set<String> FREE_FORM = Set.of("http.advertised-host", "kafka.bootstrap.servers");

    static {
        INVALID.put("k8s.cluster", "");
        INVALID.put("application.id", "reset watch");
        INVALID.put("processing.guarantee", "exactly_once");
        INVALID.put("state.dir", " ");
        INVALID.put("input.access-logs.topic", "logs/envoy");
        INVALID.put("input.pod-events.topic", "..");
        INVALID.put("output.alerts.topic", "envoy-access-logs");
        INVALID.put("output.dead-letters.topic", "");
        INVALID.put("internal.lifecycle-facts.topic", "facts!");
        INVALID.put("topics.create", "yes");
        INVALID.put("topics.partitions", "0");
        INVALID.put("topics.replication-factor", "0");
        INVALID.put("window.size", "0s");
        INVALID.put("window.grace", "-5s");
        INVALID.put("join.look-back", "a minute");
        INVALID.put("join.look-ahead", "90s");
        INVALID.put("join.clock-skew", "2");
        INVALID.put("idle.timeout", "PT0S");
        INVALID.put("time.max-jump", "10 m");
        INVALID.put("alerts.paging-horizon", "15x");
        INVALID.put("lifecycle.retention", "1m");
        INVALID.put("threshold.burst.min-failed", "-1");
        INVALID.put("threshold.burst.min-ratio", "1.5");
        INVALID.put("threshold.critical-ratio", "5%");
        INVALID.put("threshold.sustained.min-failed", "1");
        INVALID.put("threshold.sustained.windows", "three");
        INVALID.put("threshold.resolve.below-failed", "4");
        INVALID.put("threshold.resolve.windows", "0");
        INVALID.put("exclude.namespaces", "Kube_System");
        INVALID.put("exclude.services", "checkout");
        INVALID.put("exclude.path-prefixes", "healthz");
        INVALID.put("limits.max-record-bytes", "1MB");
        INVALID.put("limits.max-pods-per-window", "0");
        INVALID.put("limits.max-failed-request-ids", "-10");
        INVALID.put("limits.sample-request-ids", "0");
        INVALID.put("limits.max-evidence-items", "many");
        INVALID.put("http.host", "");
        INVALID.put("http.port", "65536");
        INVALID.put("http.api.enabled", "on");
        INVALID.put("shutdown.timeout", "0ms");
    }

    static Stream<Arguments> invalidValues() {
        return INVALID.entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    @ParameterizedTest(name = "{0}={1}")
    @MethodSource("invalidValues")
    void shouldNameTheKeyOfAnInvalidValue(String key, String value) {
        assertThatThrownBy(() -> RuntimeConfig.load(null, Map.of(), Map.of(key, value)))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(key + ": ")
                .satisfies(e -> assertThat(((ConfigException) e).key()).isEqualTo(key));
    }

    @Test
    void shouldHaveAnInvalidExampleForEveryKeyThatCanBeInvalid() {
        assertThat(RuntimeConfig.defaults().keySet())
                .allSatisfy(key -> assertThat(INVALID.containsKey(key) || FREE_FORM.contains(key))
                        .as("an invalid example for %s", key).isTrue());
    }

    @Test
    void shouldNameAnUnknownKeyOfTheFile() {
        assertThatThrownBy(() -> RuntimeConfig.load(ConfigFiles.write(
                java.nio.file.Files.createTempDirectory("cfg"), "windw.size=60s"), Map.of(), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("windw.size: unknown setting");
    }

    @Test
    void shouldNameAnUnknownFlag() {
        assertThatThrownBy(() -> RuntimeConfig.load(null, Map.of(), Map.of("http.prot", "1")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("http.prot: unknown setting");
    }

    @Test
    void shouldNameAnUnknownResetwatchVariable() {
        assertThatThrownBy(() -> RuntimeConfig.load(null, Map.of("RESETWATCH_WINDOW_SIZ", "1m"), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("RESETWATCH_WINDOW_SIZ: unknown resetwatch setting");
    }

    @Test
    void shouldNameTheVariableWhoseValueIsInvalidByItsKey() {
        assertThatThrownBy(() -> RuntimeConfig.load(null, Map.of("RESETWATCH_WINDOW_SIZE", "soon"), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("window.size: 'soon' not a duration (examples: 500ms, 60s, 5m, 2h, PT1M)");
    }

    @Test
    void shouldRefuseKafkaSpellingsOfSettingsResetwatchOwns() {
        assertThatThrownBy(() -> RuntimeConfig.load(null, Map.of("KAFKA_PROCESSING_GUARANTEE", "at_least_once"),
                Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("KAFKA_PROCESSING_GUARANTEE: resetwatch sets processing.guarantee itself")
                .hasMessageContaining("RESETWATCH_PROCESSING_GUARANTEE");
        assertThatThrownBy(() -> RuntimeConfig.load(null, Map.of(), Map.of("kafka.application.id", "x")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("kafka.application.id: resetwatch sets application.id itself");
    }

    @Test
    void shouldRefuseALookAheadBeyondTheGrace() {
        assertThatThrownBy(() -> RuntimeConfig.load(null, Map.of(),
                Map.of("window.grace", "20s", "join.look-ahead", "30s")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("join.look-ahead: must not exceed window.grace");
    }

    @Test
    void shouldAllowZeroWhereZeroMeansNone() {
        RuntimeConfig cfg = RuntimeConfig.load(null, Map.of(), Map.of("window.grace", "0s",
                "join.look-ahead", "0s", "join.look-back", "0ms", "join.clock-skew", "PT0S"));
        assertThat(cfg.settings().grace()).isZero();
        assertThat(cfg.settings().lookAhead()).isZero();
    }

    @Test
    void shouldReadEveryDurationSpelling() {
        Map<String, Duration> spellings = Map.of("500ms", Duration.ofMillis(500), "60s", Duration.ofSeconds(60),
                "5m", Duration.ofMinutes(5), "2h", Duration.ofHours(2), "PT1M", Duration.ofMinutes(1),
                "pt90s", Duration.ofSeconds(90), " 45s ", Duration.ofSeconds(45));
        spellings.forEach((text, expected) -> assertThat(RuntimeConfig.load(null, Map.of(),
                Map.of("shutdown.timeout", text)).shutdownTimeout()).as(text).isEqualTo(expected));
    }

    @Test
    void shouldRefuseTwoKeysNamingOneTopic() {
        assertThatThrownBy(() -> RuntimeConfig.load(null, Map.of(),
                Map.of("output.dead-letters.topic", "resetwatch-alerts")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("output.dead-letters.topic: names the same topic as output.alerts.topic");
    }

    @Test
    void shouldHintAtServiceLinksWhenAPortLooksLikeOne() {
        assertThatThrownBy(() -> RuntimeConfig.load(null, Map.of("RESETWATCH_HTTP_PORT", "tcp://10.0.0.1:8080"),
                Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("http.port: not a whole number")
                .hasMessageContaining("enableServiceLinks");
    }

    @Test
    void shouldKeepMessagesToOneShortLine() {
        String hostile = "x".repeat(500) + "\nInjected: line";
        assertThatThrownBy(() -> RuntimeConfig.load(null, Map.of(), Map.of("window.size", hostile)))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n").hasSizeLessThan(160));
    }
}

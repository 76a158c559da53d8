package io.resetwatch.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The defaults file is the documentation: what it says is what runs. */
class DefaultsTest {

    private final RuntimeConfig defaults = RuntimeConfig.load(null, Map.of(), Map.of());

    @Test
    void shouldYieldSettingsDefaultsFromTheDefaultsFile() {
        assertThat(defaults.settings()).isEqualTo(Settings.defaults());
    }

    @Test
    void shouldYieldTheDocumentedRuntimeDefaults() {
        assertThat(defaults.applicationId()).isEqualTo("resetwatch");
        assertThat(defaults.processingGuarantee()).isEqualTo("exactly_once_v2");
        assertThat(defaults.stateDir()).isEqualTo(Path.of("/tmp/resetwatch-state"));
        assertThat(defaults.httpHost()).isEqualTo("0.0.0.0");
        assertThat(defaults.httpPort()).isEqualTo(8080);
        assertThat(defaults.apiEnabled()).isTrue();
        assertThat(defaults.createTopics()).isTrue();
        assertThat(defaults.createdTopicPartitions()).isEqualTo(6);
        assertThat(defaults.replicationFactor()).isEqualTo((short) -1);
        assertThat(defaults.shutdownTimeout()).isEqualTo(Duration.ofSeconds(30));
    }
}

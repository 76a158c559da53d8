package io.resetwatch.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** describe() feeds the start-up log line: it shows every setting but never a credential. */
class SecretMaskingTest {

    private static final String JAAS = "org.apache.kafka.common.security.scram.ScramLoginModule required "
            + "username=\"resetwatch\" password=\"hunter2\";";

    private final RuntimeConfig cfg = RuntimeConfig.load(null, Map.of(
            "KAFKA_SASL_JAAS_CONFIG", JAAS,
            "KAFKA_SSL_TRUSTSTORE_PASSWORD", "truststore-pw",
            "KAFKA_SSL_KEY_PASSWORD", "key-pw",
            "KAFKA_SSL_KEYSTORE_KEY", "-----BEGIN PRIVATE KEY-----",
            "KAFKA_SASL_OAUTHBEARER_CLIENT_CREDENTIALS_CLIENT_SECRET", "oauth-secret",
            "KAFKA_SECURITY_PROTOCOL", "SASL_SSL"), Map.of());

    @Test
    void shouldMaskTheValuesOfSecretKeys() {
        assertThat(cfg.describe())
                .containsEntry("kafka.sasl.jaas.config", "****")
                .containsEntry("kafka.ssl.truststore.password", "****")
                .containsEntry("kafka.ssl.key.password", "****")
                .containsEntry("kafka.ssl.keystore.key", "****")
                .containsEntry("kafka.sasl.oauthbearer.client.credentials.client.secret", "****");
        assertThat(cfg.describe().toString())
                .doesNotContain("hunter2", "truststore-pw", "key-pw", "PRIVATE KEY", "oauth-secret");
    }

    @Test
    void shouldShowEverythingElse() {
        assertThat(cfg.describe())
                .containsEntry("kafka.security.protocol", "SASL_SSL")
                .containsEntry("kafka.bootstrap.servers", "localhost:9092")
                .containsEntry("window.size", "60s")
                .containsEntry("processing.guarantee", "exactly_once_v2");
    }

    @Test
    void shouldStillHandTheSecretsToKafka() {
        assertThat(cfg.streamsProperties())
                .containsEntry("sasl.jaas.config", JAAS)
                .containsEntry("ssl.key.password", "key-pw");
    }

    @Test
    void shouldTreatPasswordSecretJaasTokenCredentialAndKeyNamesAsSecret() {
        assertThat(RuntimeConfig.isSecret("ssl.keystore.password")).isTrue();
        assertThat(RuntimeConfig.isSecret("sasl.oauthbearer.assertion.private.key.passphrase")).isTrue();
        assertThat(RuntimeConfig.isSecret("basic.auth.user.info.token")).isTrue();
        assertThat(RuntimeConfig.isSecret("ssl.keystore.key")).isTrue();
        assertThat(RuntimeConfig.isSecret("ssl.truststore.location")).isFalse();
        assertThat(RuntimeConfig.isSecret("bootstrap.servers")).isFalse();
    }
}

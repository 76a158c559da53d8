package io.resetwatch.config;

import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * Kafka client properties from the environment: {@code KAFKA_SECURITY_PROTOCOL=SASL_SSL} becomes
 * {@code security.protocol=SASL_SSL}. Only names the client knows are taken, because Kubernetes injects
 * service-link variables such as {@code KAFKA_PORT} for a Service named {@code kafka}. Values may be
 * secrets (SASL JAAS config): never log them.
 */
public final class KafkaClientEnv {

    public static final String PREFIX = "KAFKA_";

    private KafkaClientEnv() {
    }

    /**
     * @param env        the environment, usually {@code System.getenv()}
     * @param knownNames the client's config names, e.g. {@code ConsumerConfig.configNames()}
     */
    public static Properties properties(Map<String, String> env, Set<String> knownNames) {
        Properties properties = new Properties();
        env.forEach((name, value) -> {
            if (name.startsWith(PREFIX) && name.length() > PREFIX.length()) {
                String property = toPropertyName(name);
                if (knownNames.contains(property)) {
                    properties.setProperty(property, value);
                }
            }
        });
        return properties;
    }

    /** Variable names that look like Kafka settings but are not, for one warning line at start. */
    public static Set<String> ignoredNames(Map<String, String> env, Set<String> knownNames) {
        Set<String> ignored = new TreeSet<>();
        env.keySet().stream()
                .filter(name -> name.startsWith(PREFIX) && name.length() > PREFIX.length())
                .filter(name -> !knownNames.contains(toPropertyName(name)))
                .forEach(ignored::add);
        return ignored;
    }

    static String toPropertyName(String variable) {
        return variable.substring(PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.');
    }
}

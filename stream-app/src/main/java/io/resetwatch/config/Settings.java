package io.resetwatch.config;

import io.resetwatch.window.WindowLimits;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything the topology needs, validated once. Built by {@link RuntimeConfig#load} from the
 * documented defaults, a properties file, the environment and flags; {@link #defaults()} equals the defaults file.
 *
 * @param thresholdOverrides keyed by {@code <namespace>} or {@code <namespace>/<service>}; the most specific wins
 * @param idleTimeout        wall-clock silence after which a partition's time advances by wall clock (CONTRACTS §5)
 * @param maxClockJump       how far one record may move a partition's time at once (CONTRACTS §5)
 * @param pagingHorizon      alerts about events older than this (wall clock) are marked catch_up
 * @param factRetention      how long lifecycle facts and IP leases are kept in the index
 */
public record Settings(
        String k8sCluster,
        Topics topics,
        Duration windowSize,
        Duration grace,
        Duration lookBack,
        Duration lookAhead,
        Duration clockSkew,
        Duration idleTimeout,
        Duration maxClockJump,
        Duration pagingHorizon,
        Duration factRetention,
        Thresholds thresholds,
        Map<String, Thresholds> thresholdOverrides,
        Set<String> excludedNamespaces,
        Set<String> excludedServices,
        List<String> excludedPathPrefixes,
        int maxRecordBytes,
        WindowLimits windowLimits,
        int maxEvidenceItems) {

    public Settings {
        thresholdOverrides = Map.copyOf(thresholdOverrides);
        excludedNamespaces = Set.copyOf(excludedNamespaces);
        excludedServices = Set.copyOf(excludedServices);
        excludedPathPrefixes = List.copyOf(excludedPathPrefixes);
        requirePositive("window.size", windowSize);
        requireNonNegative("window.grace", grace);
        requireNonNegative("join.look-back", lookBack);
        requireNonNegative("join.look-ahead", lookAhead);
        requireNonNegative("join.clock-skew", clockSkew);
        requirePositive("idle.timeout", idleTimeout);
        requirePositive("time.max-jump", maxClockJump);
        if (lookAhead.compareTo(grace) > 0) {
            throw new IllegalArgumentException(
                    "join.look-ahead must not exceed window.grace: the final cause is settled at window end + grace");
        }
    }

    public record Topics(String accessLogs, String podEvents, String alerts, String deadLetters, String lifecycleFacts) {
        public static final Topics DEFAULTS = new Topics(
                "envoy-access-logs", "k8s-pod-events", "resetwatch-alerts", "resetwatch-dead-letters",
                "resetwatch-lifecycle-facts");
    }

    public Thresholds thresholdsFor(String namespace, String service) {
        Thresholds specific = thresholdOverrides.get(namespace + "/" + service);
        if (specific != null) {
            return specific;
        }
        return thresholdOverrides.getOrDefault(namespace, thresholds);
    }

    public boolean excluded(String namespace, String service, String path) {
        if (excludedNamespaces.contains(namespace) || excludedServices.contains(namespace + "/" + service)) {
            return true;
        }
        if (path != null) {
            for (String prefix : excludedPathPrefixes) {
                if (path.startsWith(prefix)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The documented defaults (README configuration table). */
    public static Settings defaults() {
        return new Settings(
                "default",
                Topics.DEFAULTS,
                Duration.ofSeconds(60),
                Duration.ofSeconds(60),
                Duration.ofSeconds(60),
                Duration.ofSeconds(30),
                Duration.ofSeconds(2),
                Duration.ofSeconds(30),
                Duration.ofMinutes(10),
                Duration.ofMinutes(15),
                Duration.ofHours(2),
                Thresholds.DEFAULTS,
                Map.of(),
                Set.of(),
                Set.of(),
                List.of(),
                1024 * 1024,
                WindowLimits.DEFAULTS,
                8);
    }

    private static void requirePositive(String key, Duration d) {
        if (d == null || d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(key + " must be a positive duration");
        }
    }

    private static void requireNonNegative(String key, Duration d) {
        if (d == null || d.isNegative()) {
            throw new IllegalArgumentException(key + " must not be negative");
        }
    }
}

package io.resetwatch.config;

import io.resetwatch.window.WindowLimits;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The service's configuration, in layers (later wins): the documented defaults
 * ({@code resetwatch-defaults.properties}) → a {@code --config} properties file → the environment
 * ({@code RESETWATCH_*} for ours, {@code KAFKA_*} as Kafka client properties) → {@code --set} flags. Parsed
 * once; an invalid or unknown key fails with a {@link ConfigException} naming it.
 */
public final class RuntimeConfig {

    public static final String DEFAULTS_RESOURCE = "/resetwatch-defaults.properties";
    private static final String KAFKA_PREFIX = "kafka.";
    private static final String OVERRIDE_PREFIX = "threshold.override.";
    private static final List<String> THRESHOLD_NAMES = List.of("burst.min-failed", "burst.min-ratio",
            "critical-ratio", "sustained.min-failed", "sustained.windows", "resolve.below-failed", "resolve.windows");
    private static final Pattern SECRET = Pattern.compile("(?i).*(password|secret|jaas|token|credential|\\.key$).*");

    private final Map<String, String> values;
    private final Properties kafka;
    private final Settings settings;

    private RuntimeConfig(Map<String, String> values, Properties kafka) {
        this.values = values;
        this.kafka = kafka;
        this.settings = buildSettings();
    }

    /** The documented defaults alone. */
    public static Map<String, String> defaults() {
        Properties p = new Properties();
        try (InputStream in = RuntimeConfig.class.getResourceAsStream(DEFAULTS_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing " + DEFAULTS_RESOURCE);
            }
            p.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + DEFAULTS_RESOURCE, e);
        }
        Map<String, String> out = new LinkedHashMap<>();
        p.stringPropertyNames().stream().sorted().forEach(k -> out.put(k, p.getProperty(k).trim()));
        return out;
    }

    /**
     * @param configFile optional properties file
     * @param env        the environment (System.getenv() in production)
     * @param flags      {@code --set key=value} overrides
     */
    public static RuntimeConfig load(Path configFile, Map<String, String> env, Map<String, String> flags) {
        Map<String, String> defaults = defaults();
        Map<String, String> merged = new LinkedHashMap<>();
        Properties kafka = new Properties();
        apply("defaults", defaults, defaults.keySet(), merged, kafka);
        if (configFile != null) {
            apply("file " + configFile, read(configFile), defaults.keySet(), merged, kafka);
        }
        Map<String, String> fromEnv = new TreeMap<>();
        Map<String, String> byVariable = variableNames(defaults.keySet());
        for (Map.Entry<String, String> e : env.entrySet()) {
            String name = e.getKey();
            if (name.startsWith("RESETWATCH_")) {
                String key = byVariable.get(name);
                if (key == null) {
                    throw new ConfigException(name, "unknown resetwatch setting (see README, Configuration)");
                }
                fromEnv.put(key, e.getValue());
            }
        }
        apply("environment", fromEnv, defaults.keySet(), merged, kafka);
        kafka.putAll(KafkaClientEnv.properties(env, kafkaConfigNames()));
        apply("flags", flags, defaults.keySet(), merged, kafka);
        return new RuntimeConfig(merged, kafka);
    }

    private static Map<String, String> read(Path file) {
        Properties p = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(reader);
        } catch (NoSuchFileException e) {
            throw new ConfigException("--config", "no such file: " + file);
        } catch (IOException e) {
            throw new ConfigException("--config", "cannot read " + file + ": " + e.getMessage());
        }
        Map<String, String> out = new TreeMap<>();
        p.stringPropertyNames().forEach(k -> out.put(k.trim(), p.getProperty(k).trim()));
        return out;
    }

    private static void apply(String layer, Map<String, String> entries, Set<String> known,
                              Map<String, String> merged, Properties kafka) {
        for (Map.Entry<String, String> e : entries.entrySet()) {
            String key = e.getKey();
            if (key.startsWith(KAFKA_PREFIX)) {
                kafka.setProperty(key.substring(KAFKA_PREFIX.length()), e.getValue());
            } else if (known.contains(key) || key.startsWith(OVERRIDE_PREFIX)) {
                merged.put(key, e.getValue());
            } else {
                throw new ConfigException(key, "unknown setting in " + layer + " (see README, Configuration)");
            }
        }
    }

    /** {@code window.size} ↔ {@code RESETWATCH_WINDOW_SIZE}: dots and dashes both become underscores. */
    static Map<String, String> variableNames(Set<String> keys) {
        Map<String, String> out = new HashMap<>();
        for (String key : keys) {
            if (!key.startsWith(KAFKA_PREFIX)) {
                out.put("RESETWATCH_" + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'), key);
            }
        }
        return out;
    }

    private static Set<String> kafkaConfigNames() {
        Set<String> names = new HashSet<>(StreamsConfig.configDef().names());
        names.addAll(ConsumerConfig.configNames());
        names.addAll(ProducerConfig.configNames());
        names.addAll(AdminClientConfig.configNames());
        return names;
    }

    // ---- typed accessors -------------------------------------------------------------------------------

    public Settings settings() {
        return settings;
    }

    public String applicationId() {
        return text("application.id");
    }

    public String processingGuarantee() {
        String value = text("processing.guarantee");
        if (!value.equals(StreamsConfig.EXACTLY_ONCE_V2) && !value.equals(StreamsConfig.AT_LEAST_ONCE)) {
            throw new ConfigException("processing.guarantee", "must be exactly_once_v2 or at_least_once, not '"
                    + value + "'");
        }
        return value;
    }

    public Path stateDir() {
        return Path.of(text("state.dir"));
    }

    public String httpHost() {
        return text("http.host");
    }

    public int httpPort() {
        int port = integer("http.port");
        if (port < 0 || port > 65535) {
            throw new ConfigException("http.port", "must be a port number (0-65535)");
        }
        return port;
    }

    public boolean apiEnabled() {
        return bool("http.api.enabled");
    }

    public boolean createTopics() {
        return bool("topics.create");
    }

    public int createdTopicPartitions() {
        return positiveInt("topics.partitions");
    }

    public short replicationFactor() {
        int rf = integer("topics.replication-factor");
        if (rf == 0 || rf < -1 || rf > Short.MAX_VALUE) {
            throw new ConfigException("topics.replication-factor", "must be -1 (broker default) or at least 1");
        }
        return (short) rf;
    }

    public Duration shutdownTimeout() {
        return duration("shutdown.timeout");
    }

    /** Kafka client properties from {@code kafka.*} keys and {@code KAFKA_*} variables. */
    public Properties kafka() {
        Properties p = new Properties();
        p.putAll(kafka);
        return p;
    }

    /** Everything the Kafka Streams client needs, resetwatch's choices first, then the user's Kafka properties. */
    public Properties streamsProperties() {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId());
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, processingGuarantee());
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir().toString());
        p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) replicationFactor());
        p.put(StreamsConfig.APPLICATION_SERVER_CONFIG, advertisedHost() + ":" + httpPort());
        p.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
        p.putAll(kafka);
        return p;
    }

    private String advertisedHost() {
        String configured = text("http.advertised-host");
        if (!configured.isEmpty()) {
            return configured;
        }
        String podIp = System.getenv("POD_IP");
        if (podIp != null && !podIp.isBlank()) {
            return podIp;
        }
        try {
            return InetAddress.getLocalHost().getHostAddress();
        } catch (IOException e) {
            return "localhost";
        }
    }

    /** The effective configuration for the start-up log line, with secrets masked. */
    public Map<String, String> describe() {
        Map<String, String> out = new TreeMap<>(values);
        for (String name : kafka.stringPropertyNames()) {
            out.put(KAFKA_PREFIX + name, kafka.getProperty(name));
        }
        out.replaceAll((k, v) -> SECRET.matcher(k).matches() ? "****" : v);
        return out;
    }

    // ---- Settings --------------------------------------------------------------------------------------

    private Settings buildSettings() {
        Thresholds base = thresholds("threshold.", Thresholds.DEFAULTS);
        Map<String, Thresholds> overrides = overrides(base);
        Settings.Topics topics = new Settings.Topics(text("input.access-logs.topic"), text("input.pod-events.topic"),
                text("output.alerts.topic"), text("output.dead-letters.topic"), text("internal.lifecycle-facts.topic"));
        try {
            return new Settings(text("k8s.cluster"), topics, duration("window.size"), duration("window.grace"),
                    duration("join.look-back"), duration("join.look-ahead"), duration("join.clock-skew"),
                    duration("idle.timeout"), duration("time.max-jump"), duration("alerts.paging-horizon"),
                    duration("lifecycle.retention"), base, overrides, set("exclude.namespaces"),
                    set("exclude.services"), List.copyOf(set("exclude.path-prefixes")),
                    positiveInt("limits.max-record-bytes"),
                    new WindowLimits(positiveInt("limits.max-pods-per-window"),
                            positiveInt("limits.max-failed-request-ids"), positiveInt("limits.sample-request-ids")),
                    positiveInt("limits.max-evidence-items"));
        } catch (IllegalArgumentException e) {
            // Settings names the key in its message ("window.size must be ...").
            String key = e.getMessage() == null ? "configuration" : e.getMessage().split(" ", 2)[0];
            throw new ConfigException(key, e.getMessage());
        }
    }

    /** {@code threshold.override.<namespace>[.<service>].<name>}: the service level inherits from its namespace. */
    private Map<String, Thresholds> overrides(Thresholds base) {
        Map<String, Map<String, String>> byScope = new TreeMap<>();
        for (Map.Entry<String, String> e : values.entrySet()) {
            if (!e.getKey().startsWith(OVERRIDE_PREFIX)) {
                continue;
            }
            String rest = e.getKey().substring(OVERRIDE_PREFIX.length());
            String name = THRESHOLD_NAMES.stream().filter(n -> rest.endsWith("." + n)).findFirst()
                    .orElseThrow(() -> new ConfigException(e.getKey(), "unknown threshold; expected one of "
                            + THRESHOLD_NAMES));
            String scope = rest.substring(0, rest.length() - name.length() - 1);
            if (scope.isEmpty() || scope.split("\\.").length > 2) {
                throw new ConfigException(e.getKey(), "expected threshold.override.<namespace>[.<service>]." + name);
            }
            byScope.computeIfAbsent(scope.replace('.', '/'), s -> new TreeMap<>()).put(name, e.getValue());
        }
        Map<String, Thresholds> out = new TreeMap<>();
        for (Map.Entry<String, Map<String, String>> scope : byScope.entrySet()) {
            if (!scope.getKey().contains("/")) {
                out.put(scope.getKey(), thresholds(scope.getKey(), scope.getValue(), base));
            }
        }
        for (Map.Entry<String, Map<String, String>> scope : byScope.entrySet()) {
            if (scope.getKey().contains("/")) {
                Thresholds parent = out.getOrDefault(scope.getKey().split("/")[0], base);
                out.put(scope.getKey(), thresholds(scope.getKey(), scope.getValue(), parent));
            }
        }
        return out;
    }

    private Thresholds thresholds(String scope, Map<String, String> given, Thresholds parent) {
        String prefix = OVERRIDE_PREFIX + scope.replace('/', '.') + ".";
        try {
            return new Thresholds(
                    given.containsKey("burst.min-failed") ? positiveLong(prefix + "burst.min-failed", given.get("burst.min-failed")) : parent.burstMinFailed(),
                    given.containsKey("burst.min-ratio") ? ratio(prefix + "burst.min-ratio", given.get("burst.min-ratio")) : parent.burstMinRatio(),
                    given.containsKey("critical-ratio") ? ratio(prefix + "critical-ratio", given.get("critical-ratio")) : parent.criticalRatio(),
                    given.containsKey("sustained.min-failed") ? positiveLong(prefix + "sustained.min-failed", given.get("sustained.min-failed")) : parent.sustainedMinFailed(),
                    given.containsKey("sustained.windows") ? (int) positiveLong(prefix + "sustained.windows", given.get("sustained.windows")) : parent.sustainedWindows(),
                    given.containsKey("resolve.below-failed") ? positiveLong(prefix + "resolve.below-failed", given.get("resolve.below-failed")) : parent.resolveBelowFailed(),
                    given.containsKey("resolve.windows") ? (int) positiveLong(prefix + "resolve.windows", given.get("resolve.windows")) : parent.resolveWindows());
        } catch (IllegalArgumentException e) {
            if (e instanceof ConfigException ce) {
                throw ce;
            }
            throw new ConfigException(prefix + "*", e.getMessage());
        }
    }

    private Thresholds thresholds(String prefix, Thresholds unused) {
        Map<String, String> given = new HashMap<>();
        for (String name : THRESHOLD_NAMES) {
            given.put(name, text(prefix + name));
        }
        try {
            return new Thresholds(positiveLong(prefix + "burst.min-failed", given.get("burst.min-failed")),
                    ratio(prefix + "burst.min-ratio", given.get("burst.min-ratio")),
                    ratio(prefix + "critical-ratio", given.get("critical-ratio")),
                    positiveLong(prefix + "sustained.min-failed", given.get("sustained.min-failed")),
                    (int) positiveLong(prefix + "sustained.windows", given.get("sustained.windows")),
                    positiveLong(prefix + "resolve.below-failed", given.get("resolve.below-failed")),
                    (int) positiveLong(prefix + "resolve.windows", given.get("resolve.windows")));
        } catch (ConfigException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new ConfigException("threshold.resolve.below-failed", e.getMessage());
        }
    }

    private String text(String key) {
        String value = values.get(key);
        if (value == null) {
            throw new ConfigException(key, "missing");
        }
        return value.trim();
    }

    private boolean bool(String key) {
        String v = text(key).toLowerCase(Locale.ROOT);
        if (!v.equals("true") && !v.equals("false")) {
            throw new ConfigException(key, "must be true or false, not '" + v + "'");
        }
        return Boolean.parseBoolean(v);
    }

    private int integer(String key) {
        try {
            return Integer.parseInt(text(key));
        } catch (NumberFormatException e) {
            throw new ConfigException(key, "not a whole number: '" + text(key) + "'");
        }
    }

    private int positiveInt(String key) {
        int v = integer(key);
        if (v < 1) {
            throw new ConfigException(key, "must be at least 1");
        }
        return v;
    }

    private static long positiveLong(String key, String value) {
        try {
            long v = Long.parseLong(value.trim());
            if (v < 1) {
                throw new ConfigException(key, "must be at least 1");
            }
            return v;
        } catch (NumberFormatException e) {
            throw new ConfigException(key, "not a whole number: '" + value + "'");
        }
    }

    private static double ratio(String key, String value) {
        try {
            double v = Double.parseDouble(value.trim());
            if (!(v >= 0 && v <= 1)) {
                throw new ConfigException(key, "must be a ratio between 0 and 1");
            }
            return v;
        } catch (NumberFormatException e) {
            throw new ConfigException(key, "not a number: '" + value + "'");
        }
    }

    private Duration duration(String key) {
        String value = text(key);
        try {
            return new DurationConverter().convert(value);
        } catch (RuntimeException e) {
            throw new ConfigException(key, "'" + value + "' is not a positive duration (examples: 500ms, 60s, 5m, PT1M)");
        }
    }

    private Set<String> set(String key) {
        String value = text(key);
        Set<String> out = new java.util.LinkedHashSet<>();
        Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(out::add);
        return out;
    }
}

package io.resetwatch.config;

import io.resetwatch.window.WindowLimits;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The service's configuration, parsed once and validated. Layers, later wins: the documented defaults
 * ({@code resetwatch-defaults.properties}) → a {@code --config} properties file → the environment
 * ({@code RESETWATCH_*} for ours, {@code KAFKA_*} as Kafka client properties) → {@code --set} flags. An invalid
 * or unknown key fails {@link #load} with a {@link ConfigException} naming it.
 *
 * @param kafka            Kafka client properties from {@code kafka.*} keys and {@code KAFKA_*} variables
 * @param advertisedHost   {@code http.advertised-host}, else the {@code POD_IP} variable, else empty (this host)
 * @param values           the effective resetwatch keys (not the Kafka ones), for {@link #describe()}
 * @param ignoredVariables {@code KAFKA_*} / {@code RESETWATCH_*} variables that are not settings (Kubernetes
 *                         service links such as {@code KAFKA_PORT}), worth one warning line at start
 */
public record RuntimeConfig(
        Settings settings,
        Properties kafka,
        String applicationId,
        String processingGuarantee,
        Path stateDir,
        String httpHost,
        int httpPort,
        boolean apiEnabled,
        boolean createTopics,
        int createdTopicPartitions,
        short replicationFactor,
        Duration shutdownTimeout,
        String advertisedHost,
        Map<String, String> values,
        Set<String> ignoredVariables) {

    public static final String DEFAULTS_RESOURCE = "/resetwatch-defaults.properties";
    public static final String ENV_PREFIX = "RESETWATCH_";
    static final String KAFKA_PREFIX = "kafka.";
    static final String OVERRIDE_PREFIX = "threshold.override.";
    static final List<String> THRESHOLD_NAMES = List.of("burst.min-failed", "burst.min-ratio", "critical-ratio",
            "sustained.min-failed", "sustained.windows", "resolve.below-failed", "resolve.windows");
    static final String MASK = "****";

    /** Kafka names resetwatch sets from its own keys: one source of truth, so the Kafka spelling is refused. */
    private static final Map<String, String> OWNED_KAFKA_NAMES = Map.of(
            StreamsConfig.APPLICATION_ID_CONFIG, "application.id",
            StreamsConfig.PROCESSING_GUARANTEE_CONFIG, "processing.guarantee",
            StreamsConfig.STATE_DIR_CONFIG, "state.dir",
            StreamsConfig.REPLICATION_FACTOR_CONFIG, "topics.replication-factor",
            StreamsConfig.APPLICATION_SERVER_CONFIG, "http.advertised-host");
    /** Streams' prefixes for per-client settings, e.g. {@code KAFKA_PRODUCER_COMPRESSION_TYPE}. */
    private static final List<String> CLIENT_PREFIXES = List.of(StreamsConfig.CONSUMER_PREFIX,
            StreamsConfig.MAIN_CONSUMER_PREFIX, StreamsConfig.RESTORE_CONSUMER_PREFIX,
            StreamsConfig.GLOBAL_CONSUMER_PREFIX, StreamsConfig.PRODUCER_PREFIX, StreamsConfig.ADMIN_CLIENT_PREFIX);
    /** Kafka client defaults of ours; {@code kafka.*} keys and {@code KAFKA_*} variables override them. */
    private static final Map<String, String> KAFKA_CLIENT_DEFAULTS = Map.of(
            // Changelogs and alerts are JSON: they shrink several-fold for little CPU.
            StreamsConfig.PRODUCER_PREFIX + ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    private static final Pattern SECRET = Pattern.compile(
            "(?i).*(password|passphrase|secret|jaas|token|credential).*|(?i)(.*\\.)?key(\\..*)?");
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
    private static final Pattern KAFKA_NAME = Pattern.compile("[a-zA-Z0-9._-]{1,249}");
    /**
     * Kubernetes injects {@code <SERVICE>_SERVICE_HOST}, {@code <SERVICE>_PORT}, ... for every Service in the
     * namespace — and the base deploys a Service named {@code resetwatch}. Such names are not typos.
     */
    private static final Pattern SERVICE_LINK = Pattern.compile(
            "RESETWATCH(_[A-Z0-9_]+)?_(SERVICE_HOST|SERVICE_PORT(_[A-Z0-9_]+)?|PORT(_\\d+_(TCP|UDP|SCTP)(_(PROTO|PORT|ADDR))?)?)");

    public RuntimeConfig {
        Properties copy = new Properties();
        copy.putAll(kafka);
        kafka = copy;
        values = Collections.unmodifiableMap(new TreeMap<>(values));
        ignoredVariables = Collections.unmodifiableSet(new TreeSet<>(ignoredVariables));
    }

    /**
     * @param configFile optional properties file ({@code --config}); {@code null} for none
     * @param env        the environment ({@code System.getenv()} in production)
     * @param flags      {@code --set key=value} overrides
     * @throws ConfigException naming the first invalid or unknown key
     */
    public static RuntimeConfig load(Path configFile, Map<String, String> env, Map<String, String> flags) {
        Map<String, String> defaults = defaults();
        Layers layers = new Layers(defaults.keySet());
        layers.apply("the defaults", defaults);
        if (configFile != null) {
            layers.apply(configFile.toString(), read(configFile));
        }
        Set<String> ignored = new TreeSet<>();
        layers.apply("the environment", ours(env, defaults.keySet(), ignored));
        Set<String> knownKafka = kafkaConfigNames();
        Properties fromEnv = KafkaClientEnv.properties(env, knownKafka);
        for (String name : fromEnv.stringPropertyNames()) {
            layers.kafka(KafkaClientEnv.PREFIX + name.toUpperCase(Locale.ROOT).replace('.', '_'), name,
                    fromEnv.getProperty(name));
        }
        ignored.addAll(KafkaClientEnv.ignoredNames(env, knownKafka));
        layers.apply("--set", flags);
        return parse(new Values(layers.values, layers.explicit), layers.kafka, env.getOrDefault("POD_IP", ""),
                ignored);
    }

    /** The documented defaults, exactly as the defaults file lists them (key order sorted). */
    public static Map<String, String> defaults() {
        Properties p = new Properties();
        try (InputStream in = RuntimeConfig.class.getResourceAsStream(DEFAULTS_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing " + DEFAULTS_RESOURCE);
            }
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + DEFAULTS_RESOURCE, e);
        }
        Map<String, String> out = new TreeMap<>();
        p.stringPropertyNames().forEach(k -> out.put(k, p.getProperty(k).trim()));
        return out;
    }

    /** {@code window.size} ↔ {@code RESETWATCH_WINDOW_SIZE}: dots and dashes both become underscores. */
    public static String variableName(String key) {
        return ENV_PREFIX + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** A copy: callers may add to it. */
    @Override
    public Properties kafka() {
        Properties p = new Properties();
        p.putAll(kafka);
        return p;
    }

    /**
     * The full Kafka Streams configuration: resetwatch's own keys, then Kafka client defaults of ours, then the
     * user's Kafka properties (which cannot name the settings resetwatch owns). All values are strings.
     */
    public Properties streamsProperties() {
        Properties p = new Properties();
        KAFKA_CLIENT_DEFAULTS.forEach(p::setProperty);
        p.putAll(kafka);
        p.setProperty(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        p.setProperty(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, processingGuarantee);
        p.setProperty(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        p.setProperty(StreamsConfig.REPLICATION_FACTOR_CONFIG, Short.toString(replicationFactor));
        p.setProperty(StreamsConfig.APPLICATION_SERVER_CONFIG, applicationServerHost() + ":" + httpPort);
        // Every store and internal topic is named: a topology change cannot silently rename a changelog.
        p.setProperty(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, "true");
        return p;
    }

    /** The effective configuration for the start-up log line; values of secret-looking keys are masked. */
    public Map<String, String> describe() {
        Map<String, String> out = new TreeMap<>(values);
        KAFKA_CLIENT_DEFAULTS.forEach((name, value) -> out.put(KAFKA_PREFIX + name, value));
        kafka.stringPropertyNames().forEach(name -> out.put(KAFKA_PREFIX + name, kafka.getProperty(name)));
        out.replaceAll((key, value) -> isSecret(key) ? MASK : value);
        return out;
    }

    /** Kafka names that may carry credentials: password, secret, JAAS, token, credential, or a key. */
    public static boolean isSecret(String name) {
        return SECRET.matcher(name).matches();
    }

    private String applicationServerHost() {
        if (!advertisedHost.isEmpty()) {
            return advertisedHost;
        }
        try {
            return InetAddress.getLocalHost().getHostAddress();
        } catch (IOException e) {
            return "localhost";
        }
    }

    // ---- layers ----------------------------------------------------------------------------------------

    /** Merges layers: resetwatch keys into {@code values}, {@code kafka.*} keys into Kafka properties. */
    private static final class Layers {
        final Set<String> known;
        final Map<String, String> values = new LinkedHashMap<>();
        /** Keys set above the defaults layer, to name the right one when two keys conflict. */
        final Set<String> explicit = new HashSet<>();
        final Properties kafka = new Properties();
        boolean defaultsApplied;

        Layers(Set<String> known) {
            this.known = known;
        }

        void apply(String layer, Map<String, String> entries) {
            for (Map.Entry<String, String> e : new TreeMap<>(entries).entrySet()) {
                String key = e.getKey().trim();
                String value = e.getValue() == null ? "" : e.getValue().trim();
                if (key.startsWith(KAFKA_PREFIX)) {
                    kafka(key, key.substring(KAFKA_PREFIX.length()), value);
                } else if (known.contains(key) || key.startsWith(OVERRIDE_PREFIX)) {
                    values.put(key, value);
                    if (defaultsApplied) {
                        explicit.add(key);
                    }
                } else {
                    throw new ConfigException(key, "unknown setting in " + layer
                            + " (the README's Configuration section lists them; Kafka client properties take a kafka. prefix)");
                }
            }
            defaultsApplied = true;
        }

        void kafka(String key, String name, String value) {
            String ours = OWNED_KAFKA_NAMES.get(name);
            if (ours != null) {
                throw new ConfigException(key, "resetwatch sets " + name + " itself: set " + ours + " ("
                        + variableName(ours) + ") instead");
            }
            if (name.isEmpty()) {
                throw new ConfigException(key, "a Kafka property name must follow kafka.");
            }
            kafka.setProperty(name, value);
        }
    }

    /** {@code RESETWATCH_*} variables as keys; unknown ones fail, except Kubernetes service links. */
    private static Map<String, String> ours(Map<String, String> env, Set<String> known, Set<String> ignored) {
        Map<String, String> byVariable = new HashMap<>();
        for (String key : known) {
            if (!key.startsWith(KAFKA_PREFIX)) {
                byVariable.put(variableName(key), key);
            }
        }
        Map<String, String> out = new TreeMap<>();
        for (Map.Entry<String, String> e : env.entrySet()) {
            String name = e.getKey();
            if (!name.startsWith(ENV_PREFIX)) {
                continue;
            }
            String key = byVariable.get(name);
            if (key != null) {
                out.put(key, e.getValue());
            } else if (name.startsWith(variableName(OVERRIDE_PREFIX))) {
                throw new ConfigException(name, "threshold overrides cannot come from the environment (names with "
                        + "dashes would be ambiguous): set them in the --config file or with --set");
            } else if (SERVICE_LINK.matcher(name).matches()) {
                ignored.add(name);
            } else {
                throw new ConfigException(name, "unknown resetwatch setting (the README's Configuration section "
                        + "lists them; Kafka client properties use KAFKA_*)");
            }
        }
        return out;
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
        p.stringPropertyNames().forEach(k -> out.put(k, p.getProperty(k)));
        return out;
    }

    /** Names {@code KAFKA_*} may carry: Streams and client settings, also with Streams' per-client prefixes. */
    private static Set<String> kafkaConfigNames() {
        Set<String> clients = new HashSet<>(ConsumerConfig.configNames());
        clients.addAll(ProducerConfig.configNames());
        clients.addAll(AdminClientConfig.configNames());
        Set<String> names = new HashSet<>(StreamsConfig.configDef().names());
        names.addAll(clients);
        for (String prefix : CLIENT_PREFIXES) {
            clients.forEach(name -> names.add(prefix + name));
        }
        // Settings for the internal topics Streams creates, e.g. KAFKA_TOPIC_MIN_INSYNC_REPLICAS.
        for (String field : List.of(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, TopicConfig.COMPRESSION_TYPE_CONFIG,
                TopicConfig.SEGMENT_BYTES_CONFIG, TopicConfig.RETENTION_MS_CONFIG, TopicConfig.CLEANUP_POLICY_CONFIG)) {
            names.add(StreamsConfig.TOPIC_PREFIX + field);
        }
        return names;
    }

    // ---- parsing ---------------------------------------------------------------------------------------

    private static RuntimeConfig parse(Values v, Properties kafka, String podIp, Set<String> ignored) {
        String applicationId = v.kafkaName("application.id");
        String guarantee = v.text("processing.guarantee");
        if (!guarantee.equals(StreamsConfig.EXACTLY_ONCE_V2) && !guarantee.equals(StreamsConfig.AT_LEAST_ONCE)) {
            throw new ConfigException("processing.guarantee", "must be exactly_once_v2 or at_least_once, not "
                    + quote(guarantee));
        }
        int port = v.integer("http.port");
        if (port < 0 || port > 65535) {
            throw new ConfigException("http.port", "must be a port number (0-65535; 0 picks a free one)");
        }
        int rf = v.integer("topics.replication-factor");
        if (rf == 0 || rf < -1 || rf > Short.MAX_VALUE) {
            throw new ConfigException("topics.replication-factor", "must be -1 (the broker's default) or at least 1");
        }
        String advertised = v.text("http.advertised-host");
        return new RuntimeConfig(
                settings(v),
                kafka,
                applicationId,
                guarantee,
                Path.of(v.nonEmpty("state.dir")),
                v.nonEmpty("http.host"),
                port,
                v.bool("http.api.enabled"),
                v.bool("topics.create"),
                v.positiveInt("topics.partitions"),
                (short) rf,
                v.positiveDuration("shutdown.timeout"),
                advertised.isEmpty() ? podIp.trim() : advertised,
                v.raw(),
                ignored);
    }

    private static Settings settings(Values v) {
        Settings.Topics topics = new Settings.Topics(v.kafkaName("input.access-logs.topic"),
                v.kafkaName("input.pod-events.topic"), v.kafkaName("output.alerts.topic"),
                v.kafkaName("output.dead-letters.topic"), v.kafkaName("internal.lifecycle-facts.topic"));
        requireDistinctTopics(v);
        Duration windowSize = v.positiveDuration("window.size");
        Duration grace = v.duration("window.grace");
        Duration lookBack = v.duration("join.look-back");
        Duration lookAhead = v.duration("join.look-ahead");
        if (lookAhead.compareTo(grace) > 0) {
            throw new ConfigException("join.look-ahead", "must not exceed window.grace (" + v.text("window.grace")
                    + "): the cause is settled at window end + grace, so facts after that would never be joined");
        }
        Duration retention = v.positiveDuration("lifecycle.retention");
        if (retention.compareTo(windowSize.plus(grace).plus(lookBack)) < 0) {
            throw new ConfigException("lifecycle.retention", "must be at least window.size + window.grace + "
                    + "join.look-back, or facts expire before their window is classified");
        }
        Thresholds base = thresholds(v, "threshold.", Map.of(), Thresholds.DEFAULTS);
        try {
            return new Settings(
                    v.nonEmpty("k8s.cluster"),
                    topics,
                    windowSize,
                    grace,
                    lookBack,
                    lookAhead,
                    v.duration("join.clock-skew"),
                    v.positiveDuration("idle.timeout"),
                    v.positiveDuration("time.max-jump"),
                    v.positiveDuration("alerts.paging-horizon"),
                    retention,
                    base,
                    overrides(v, base),
                    namespaces(v, "exclude.namespaces"),
                    services(v, "exclude.services"),
                    pathPrefixes(v, "exclude.path-prefixes"),
                    v.positiveInt("limits.max-record-bytes"),
                    new WindowLimits(v.positiveInt("limits.max-pods-per-window"),
                            v.positiveInt("limits.max-failed-request-ids"), v.positiveInt("limits.sample-request-ids")),
                    v.positiveInt("limits.max-evidence-items"));
        } catch (ConfigException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            // A rule Settings checks that the lines above do not; its messages start with the key.
            String message = String.valueOf(e.getMessage());
            throw new ConfigException(message.split(" ", 2)[0], message);
        }
    }

    private static void requireDistinctTopics(Values v) {
        Map<String, String> keyByTopic = new HashMap<>();
        for (String key : List.of("input.access-logs.topic", "input.pod-events.topic", "output.alerts.topic",
                "output.dead-letters.topic", "internal.lifecycle-facts.topic")) {
            String earlier = keyByTopic.putIfAbsent(v.text(key), key);
            if (earlier != null) {
                throw new ConfigException(key, "names the same topic as " + earlier);
            }
        }
    }

    /**
     * {@code threshold.override.<namespace>[.<service>].<name>}. Kubernetes names hold no dots, so the split is
     * unambiguous; a service's override inherits from its namespace's.
     */
    private static Map<String, Thresholds> overrides(Values v, Thresholds base) {
        Map<String, Map<String, String>> byScope = new TreeMap<>();
        for (String key : v.raw.keySet()) {
            if (!key.startsWith(OVERRIDE_PREFIX)) {
                continue;
            }
            String rest = key.substring(OVERRIDE_PREFIX.length());
            String name = THRESHOLD_NAMES.stream().filter(n -> rest.endsWith("." + n)).findFirst()
                    .orElseThrow(() -> new ConfigException(key, "unknown threshold; expected one of "
                            + String.join(", ", THRESHOLD_NAMES)));
            String[] scope = rest.substring(0, rest.length() - name.length() - 1).split("\\.", -1);
            if (scope.length > 2 || !DNS_LABEL.matcher(scope[0]).matches()
                    || (scope.length == 2 && !DNS_LABEL.matcher(scope[1]).matches())) {
                throw new ConfigException(key, "expected threshold.override.<namespace>[.<service>]." + name
                        + " with Kubernetes names (lower-case letters, digits, dashes)");
            }
            byScope.computeIfAbsent(String.join("/", scope), s -> new TreeMap<>()).put(name, key);
        }
        Map<String, Thresholds> out = new TreeMap<>();
        // Namespaces first: their services inherit from them.
        byScope.forEach((scope, keys) -> {
            if (!scope.contains("/")) {
                out.put(scope, thresholds(v, null, keys, base));
            }
        });
        byScope.forEach((scope, keys) -> {
            if (scope.contains("/")) {
                Thresholds parent = out.getOrDefault(scope.substring(0, scope.indexOf('/')), base);
                out.put(scope, thresholds(v, null, keys, parent));
            }
        });
        return out;
    }

    /**
     * @param prefix when non-null, read every threshold from {@code prefix + name}; else read the names in
     *               {@code keys} (name → full key) and take the rest from {@code parent}
     */
    private static Thresholds thresholds(Values v, String prefix, Map<String, String> keys, Thresholds parent) {
        Map<String, String> keyOf = new HashMap<>();
        for (String name : THRESHOLD_NAMES) {
            String key = prefix != null ? prefix + name : keys.get(name);
            if (key != null) {
                keyOf.put(name, key);
            }
        }
        long burstMinFailed = keyOf.containsKey("burst.min-failed")
                ? v.positiveInt(keyOf.get("burst.min-failed")) : parent.burstMinFailed();
        double burstMinRatio = keyOf.containsKey("burst.min-ratio")
                ? v.ratio(keyOf.get("burst.min-ratio")) : parent.burstMinRatio();
        double criticalRatio = keyOf.containsKey("critical-ratio")
                ? v.ratio(keyOf.get("critical-ratio")) : parent.criticalRatio();
        long sustainedMinFailed = keyOf.containsKey("sustained.min-failed")
                ? v.positiveInt(keyOf.get("sustained.min-failed")) : parent.sustainedMinFailed();
        int sustainedWindows = keyOf.containsKey("sustained.windows")
                ? v.positiveInt(keyOf.get("sustained.windows")) : parent.sustainedWindows();
        long resolveBelowFailed = keyOf.containsKey("resolve.below-failed")
                ? v.positiveInt(keyOf.get("resolve.below-failed")) : parent.resolveBelowFailed();
        int resolveWindows = keyOf.containsKey("resolve.windows")
                ? v.positiveInt(keyOf.get("resolve.windows")) : parent.resolveWindows();
        if (resolveBelowFailed > Math.min(burstMinFailed, sustainedMinFailed)) {
            // Name the key the user set: the resolve bar, else the firing bar that was lowered below it.
            List<String> candidates = new ArrayList<>();
            candidates.add("resolve.below-failed");
            if (resolveBelowFailed > burstMinFailed) {
                candidates.add("burst.min-failed");
            }
            if (resolveBelowFailed > sustainedMinFailed) {
                candidates.add("sustained.min-failed");
            }
            String key = candidates.stream().map(keyOf::get).filter(k -> k != null && v.explicit().contains(k))
                    .findFirst().orElse(prefix != null ? prefix + "resolve.below-failed"
                            : keyOf.values().iterator().next());
            throw new ConfigException(key, "the resolve bar (" + resolveBelowFailed + ") must not be above a firing "
                    + "bar (burst " + burstMinFailed + ", sustained " + sustainedMinFailed + "), or incidents flap");
        }
        return new Thresholds(burstMinFailed, burstMinRatio, criticalRatio, sustainedMinFailed, sustainedWindows,
                resolveBelowFailed, resolveWindows);
    }

    private static Set<String> namespaces(Values v, String key) {
        Set<String> out = v.list(key);
        for (String namespace : out) {
            if (!DNS_LABEL.matcher(namespace).matches()) {
                throw new ConfigException(key, quote(namespace) + " is not a Kubernetes namespace name");
            }
        }
        return out;
    }

    private static Set<String> services(Values v, String key) {
        Set<String> out = v.list(key);
        for (String service : out) {
            String[] parts = service.split("/", -1);
            if (parts.length != 2 || !DNS_LABEL.matcher(parts[0]).matches() || !DNS_LABEL.matcher(parts[1]).matches()) {
                throw new ConfigException(key, quote(service) + " is not namespace/service");
            }
        }
        return out;
    }

    private static List<String> pathPrefixes(Values v, String key) {
        List<String> out = new ArrayList<>(v.list(key));
        for (String prefix : out) {
            if (!prefix.startsWith("/")) {
                throw new ConfigException(key, quote(prefix) + " does not start with /");
            }
        }
        return out;
    }

    /** At most 40 printable characters of a value, for messages. */
    static String quote(String value) {
        String printable = value.replaceAll("\\p{Cntrl}", "?");
        return "'" + (printable.length() > 40 ? printable.substring(0, 40) + "..." : printable) + "'";
    }

    /** Typed reads of the merged resetwatch keys; every failure names its key. */
    private record Values(Map<String, String> raw, Set<String> explicit) {

        String text(String key) {
            String value = raw.get(key);
            if (value == null) {
                throw new ConfigException(key, "missing");
            }
            return value.trim();
        }

        String nonEmpty(String key) {
            String value = text(key);
            if (value.isEmpty()) {
                throw new ConfigException(key, "must not be empty");
            }
            return value;
        }

        String kafkaName(String key) {
            String value = nonEmpty(key);
            if (!KAFKA_NAME.matcher(value).matches() || value.equals(".") || value.equals("..")) {
                throw new ConfigException(key, quote(value) + " is not a valid Kafka name (letters, digits, . _ -)");
            }
            return value;
        }

        boolean bool(String key) {
            String value = text(key).toLowerCase(Locale.ROOT);
            if (!value.equals("true") && !value.equals("false")) {
                throw new ConfigException(key, "must be true or false, not " + quote(value));
            }
            return Boolean.parseBoolean(value);
        }

        int integer(String key) {
            String value = text(key);
            try {
                return Integer.parseInt(value);
            } catch (NumberFormatException e) {
                String hint = value.contains("://") ? " (a Kubernetes service link? set enableServiceLinks: false)" : "";
                throw new ConfigException(key, "not a whole number: " + quote(value) + hint);
            }
        }

        int positiveInt(String key) {
            int value = integer(key);
            if (value < 1) {
                throw new ConfigException(key, "must be at least 1, not " + value);
            }
            return value;
        }

        double ratio(String key) {
            String value = text(key);
            double ratio;
            try {
                ratio = Double.parseDouble(value);
            } catch (NumberFormatException e) {
                throw new ConfigException(key, "not a number: " + quote(value));
            }
            if (!(ratio >= 0 && ratio <= 1)) {
                throw new ConfigException(key, "must be a ratio between 0 and 1, not " + quote(value));
            }
            return ratio;
        }

        Duration duration(String key) {
            String value = text(key);
            try {
                return DurationConverter.parse(value);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(key, quote(value) + " " + e.getMessage());
            }
        }

        Duration positiveDuration(String key) {
            Duration d = duration(key);
            if (d.isZero()) {
                throw new ConfigException(key, "must be longer than zero");
            }
            return d;
        }

        Set<String> list(String key) {
            Set<String> out = new LinkedHashSet<>();
            for (String item : text(key).split(",")) {
                if (!item.isBlank()) {
                    out.add(item.trim());
                }
            }
            return out;
        }
    }
}

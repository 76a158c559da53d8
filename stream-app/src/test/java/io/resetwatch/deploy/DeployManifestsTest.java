package io.resetwatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Specification of what lives under {@code deploy/}: every Kustomize directory renders with
 * {@code kubectl kustomize}, and the rendered objects wire the service the way it runs (ports, probes,
 * configuration, labels, network access, alert expressions over metrics that exist). Without kubectl the
 * tests fail and say so; they never skip.
 */
class DeployManifestsTest {

    private static final Path REPO_ROOT = findRepoRoot();
    private static final Path DEPLOY = REPO_ROOT.resolve("deploy");
    private static final Path BASE = DEPLOY.resolve("kustomize/base");
    private static final Path EXAMPLE_OVERLAY = DEPLOY.resolve("kustomize/overlays/example");
    private static final Path STRIMZI = DEPLOY.resolve("strimzi");

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<Path, List<JsonNode>> RENDERED = new HashMap<>();

    /** Prometheus names the service exports (CONTRACTS §7, Micrometer's KafkaStreamsMetrics and JVM binders). */
    private static final Set<String> KNOWN_METRICS = Set.of(
            "resetwatch_records_parsed_total",
            "resetwatch_records_skipped_total",
            "resetwatch_dead_letters_total",
            "resetwatch_resets_total",
            "resetwatch_alerts_total",
            "resetwatch_late_records_total",
            "resetwatch_idle_advances_total",
            "resetwatch_unattributable_total",
            // KafkaStreamsMetrics: "kafka." + group without "-metrics" + "." + name, dashes to dots.
            "kafka_consumer_fetch_manager_records_lag",
            "kafka_consumer_fetch_manager_records_lag_max",
            "kafka_stream_client_state",
            "kafka_stream_alive_stream_threads",
            "kafka_stream_failed_stream_threads",
            "jvm_memory_used_bytes",
            "jvm_memory_max_bytes",
            // Written by Prometheus itself for every target.
            "up");

    /** The documented defaults the ConfigMap must carry. */
    private static final Map<String, String> DEFAULTS = Map.ofEntries(
            Map.entry("input.access-logs.topic", "envoy-access-logs"),
            Map.entry("input.pod-events.topic", "k8s-pod-events"),
            Map.entry("output.alerts.topic", "resetwatch-alerts"),
            Map.entry("output.dead-letters.topic", "resetwatch-dead-letters"),
            Map.entry("window.size", "60s"),
            Map.entry("window.grace", "60s"),
            Map.entry("join.look-back", "60s"),
            Map.entry("join.look-ahead", "30s"),
            Map.entry("idle.timeout", "30s"),
            Map.entry("processing.guarantee", "exactly_once_v2"),
            Map.entry("state.dir", "/var/lib/resetwatch"),
            Map.entry("http.port", "8080"));

    private static final int HTTP_PORT = 8080;
    private static final String CONFIG_FILE = "/etc/resetwatch/resetwatch.properties";
    private static final Set<String> TOPICS =
            Set.of("envoy-access-logs", "k8s-pod-events", "resetwatch-alerts", "resetwatch-dead-letters",
                    "resetwatch-lifecycle-facts");

    @Test
    void shouldRenderEveryKustomizationUnderDeploy() throws IOException {
        List<Path> dirs = kustomizeDirectories();

        assertThat(dirs).contains(BASE, EXAMPLE_OVERLAY, STRIMZI);
        for (Path dir : dirs) {
            List<JsonNode> objects = render(dir);
            assertThat(objects).as("objects rendered from %s", DEPLOY.relativize(dir)).isNotEmpty();
            for (JsonNode object : objects) {
                assertThat(object.path("apiVersion").asText()).as("apiVersion in %s", dir).isNotBlank();
                assertThat(object.path("kind").asText()).as("kind in %s", dir).isNotBlank();
                assertThat(object.at("/metadata/name").asText()).as("name in %s", dir).isNotBlank();
            }
        }
    }

    @Test
    void shouldRenderTheBaseWithEveryKindTheServiceNeeds() {
        Set<String> kinds = new HashSet<>();
        render(BASE).forEach(o -> kinds.add(o.path("kind").asText()));

        assertThat(kinds).contains("StatefulSet", "ConfigMap", "Service", "ServiceAccount", "PodDisruptionBudget",
                "ServiceMonitor", "PrometheusRule", "NetworkPolicy", "Deployment", "ClusterRole",
                "ClusterRoleBinding");
    }

    @Test
    void shouldRunTheStreamProcessorAsAParallelStatefulSetWithItsStateOnAVolume() {
        for (Path dir : List.of(BASE, EXAMPLE_OVERLAY)) {
            JsonNode sts = only(render(dir), "StatefulSet", "resetwatch");
            JsonNode container = container(sts, "resetwatch");

            assertThat(sts.at("/spec/podManagementPolicy").asText()).isEqualTo("Parallel");
            assertThat(elements(sts.at("/spec/volumeClaimTemplates")).stream()
                    .map(t -> t.at("/metadata/name").asText())).contains("state");
            assertThat(mountPath(container, "state")).isEqualTo(DEFAULTS.get("state.dir"));
            assertThat(container.path("image").asText()).startsWith("ghcr.io/resetwatch/resetwatch:");
        }
    }

    @Test
    void shouldProbeTheHealthEndpointsOnTheHttpPort() {
        for (Path dir : List.of(BASE, EXAMPLE_OVERLAY)) {
            JsonNode container = container(only(render(dir), "StatefulSet", "resetwatch"), "resetwatch");

            assertThat(httpPortNamed(container, "http")).isEqualTo(HTTP_PORT);
            assertThat(container.at("/livenessProbe/httpGet/path").asText()).isEqualTo("/health/live");
            assertThat(container.at("/livenessProbe/httpGet/port").asText()).isEqualTo("http");
            assertThat(container.at("/readinessProbe/httpGet/path").asText()).isEqualTo("/health/ready");
            assertThat(container.at("/readinessProbe/httpGet/port").asText()).isEqualTo("http");
            if (container.has("startupProbe")) {
                assertThat(container.at("/startupProbe/httpGet/path").asText()).isEqualTo("/health/live");
                assertThat(container.at("/startupProbe/httpGet/port").asText()).isEqualTo("http");
            }
        }
    }

    @Test
    void shouldSetResourceRequestsAndMemoryLimitsOnEveryContainer() throws IOException {
        for (Path dir : kustomizeDirectories()) {
            for (JsonNode workload : render(dir)) {
                if (!Set.of("StatefulSet", "Deployment", "DaemonSet").contains(workload.path("kind").asText())) {
                    continue;
                }
                for (JsonNode container : elements(workload.at("/spec/template/spec/containers"))) {
                    String where = workload.at("/metadata/name").asText() + "/" + container.path("name").asText();
                    assertThat(container.at("/resources/requests/cpu").asText()).as("cpu request of %s", where)
                            .isNotBlank();
                    assertThat(container.at("/resources/requests/memory").asText())
                            .as("memory request of %s", where).isNotBlank();
                    assertThat(container.at("/resources/limits/memory").asText()).as("memory limit of %s", where)
                            .isNotBlank();
                }
            }
        }
    }

    @Test
    void shouldSelectEveryWorkloadByItsOwnTemplateLabelsOnly() {
        for (Path dir : List.of(BASE, EXAMPLE_OVERLAY)) {
            List<JsonNode> objects = render(dir);
            JsonNode sts = only(objects, "StatefulSet", "resetwatch");
            JsonNode watcher = only(objects, "Deployment", "resetwatch-pod-watcher");
            JsonNode processorLabels = sts.at("/spec/template/metadata/labels");
            JsonNode watcherLabels = watcher.at("/spec/template/metadata/labels");

            for (JsonNode workload : List.of(sts, watcher)) {
                assertThat(matches(workload.at("/spec/selector/matchLabels"),
                        workload.at("/spec/template/metadata/labels")))
                        .as("%s selects its own pods", workload.at("/metadata/name").asText()).isTrue();
            }
            for (JsonNode service : ofKind(objects, "Service")) {
                assertThat(matches(service.at("/spec/selector"), processorLabels)).isTrue();
                assertThat(matches(service.at("/spec/selector"), watcherLabels)).isFalse();
                assertThat(service.at("/spec/ports/0/targetPort").asText()).isEqualTo("http");
            }
            assertThat(matches(sts.at("/spec/selector/matchLabels"), watcherLabels)).isFalse();
            assertThat(matches(only(objects, "PodDisruptionBudget", "resetwatch").at("/spec/selector/matchLabels"),
                    processorLabels)).isTrue();

            JsonNode governing = only(objects, "Service", sts.at("/spec/serviceName").asText());
            assertThat(governing.at("/spec/clusterIP").asText()).isEqualTo("None");

            JsonNode monitor = only(objects, "ServiceMonitor", "resetwatch");
            List<JsonNode> scraped = ofKind(objects, "Service").stream()
                    .filter(s -> matches(monitor.at("/spec/selector/matchLabels"), s.at("/metadata/labels")))
                    .toList();
            assertThat(scraped).as("Services scraped by the ServiceMonitor").hasSize(1);
            assertThat(scraped.get(0).at("/spec/clusterIP").asText()).isNotEqualTo("None");
            assertThat(monitor.at("/spec/endpoints/0/port").asText()).isEqualTo("http");
            assertThat(monitor.at("/spec/endpoints/0/path").asText()).isEqualTo("/metrics");
            // The service's own namespace/service labels name the upstream; they must not be renamed.
            assertThat(monitor.at("/spec/endpoints/0/honorLabels").asBoolean()).isTrue();
        }
    }

    @Test
    void shouldMountTheDefaultsConfigMapWhereTheCommandReadsIt() throws IOException {
        for (Path dir : List.of(BASE, EXAMPLE_OVERLAY)) {
            List<JsonNode> objects = render(dir);
            JsonNode sts = only(objects, "StatefulSet", "resetwatch");
            JsonNode container = container(sts, "resetwatch");
            JsonNode configMap = ofKind(objects, "ConfigMap").stream()
                    .filter(c -> c.at("/metadata/name").asText().startsWith("resetwatch-config"))
                    .findFirst().orElseThrow();
            Properties properties = new Properties();
            properties.load(new StringReader(configMap.at("/data/resetwatch.properties").asText()));

            DEFAULTS.forEach((key, value) -> assertThat(properties.getProperty(key)).as(key).isEqualTo(value));
            assertThat(properties.getProperty("k8s.cluster")).isNotBlank();
            assertThat(joined(container.path("command")) + " " + joined(container.path("args")))
                    .isEqualTo("java -jar /app/resetwatch.jar run --config " + CONFIG_FILE);
            String volume = elements(sts.at("/spec/template/spec/volumes")).stream()
                    .filter(v -> v.at("/configMap/name").asText().equals(configMap.at("/metadata/name").asText()))
                    .map(v -> v.path("name").asText()).findFirst().orElseThrow();
            assertThat(mountPath(container, volume) + "/resetwatch.properties").isEqualTo(CONFIG_FILE);
            assertThat(Integer.parseInt(properties.getProperty("http.port"))).isEqualTo(httpPortNamed(container, "http"));
        }
    }

    @Test
    void shouldOnlyAdmitPrometheusAndSameNamespaceClientsToTheHttpPort() {
        for (Path dir : List.of(BASE, EXAMPLE_OVERLAY)) {
            List<JsonNode> objects = render(dir);
            JsonNode processorLabels = only(objects, "StatefulSet", "resetwatch").at("/spec/template/metadata/labels");
            List<JsonNode> policies = ofKind(objects, "NetworkPolicy").stream()
                    .filter(p -> matches(p.at("/spec/podSelector/matchLabels"), processorLabels))
                    .toList();

            assertThat(policies).hasSize(1);
            JsonNode policy = policies.get(0);
            assertThat(strings(policy.at("/spec/policyTypes"))).contains("Ingress");
            assertThat(elements(policy.at("/spec/ingress"))).isNotEmpty().allSatisfy(rule -> {
                assertThat(elements(rule.path("ports")).stream().map(p -> p.path("port").asText()))
                        .isNotEmpty().allMatch(p -> p.equals("http") || p.equals(String.valueOf(HTTP_PORT)));
                assertThat(elements(rule.path("from"))).as("an ingress rule without peers admits everyone")
                        .isNotEmpty().allSatisfy(peer -> {
                            assertThat(peer.has("ipBlock")).isFalse();
                            if (peer.has("namespaceSelector")) {
                                assertThat(peer.at("/namespaceSelector/matchLabels/kubernetes.io~1metadata.name")
                                        .asText()).isEqualTo("monitoring");
                            } else {
                                assertThat(peer.has("podSelector")).isTrue();
                            }
                        });
            });
        }
    }

    @Test
    void shouldAlertOnlyOnMetricsTheServiceExports() {
        JsonNode rule = only(render(BASE), "PrometheusRule", "resetwatch");
        List<JsonNode> rules = new ArrayList<>();
        elements(rule.at("/spec/groups")).forEach(g -> rules.addAll(elements(g.path("rules"))));
        Set<String> referenced = new HashSet<>();

        assertThat(rules).isNotEmpty().allSatisfy(r -> {
            Set<String> metrics = metricNames(r.path("expr").asText());
            assertThat(metrics).as("metrics of %s", r.path("alert").asText()).isNotEmpty()
                    .isSubsetOf(KNOWN_METRICS);
            assertThat(r.at("/labels/severity").asText()).isIn("critical", "warning", "info");
            assertThat(r.path("for").asText()).isNotBlank();
            referenced.addAll(metrics);
        });
        // Consumer lag, dead-letter rate, a service that is down or not running.
        assertThat(referenced).contains("kafka_consumer_fetch_manager_records_lag", "resetwatch_dead_letters_total",
                "up", "kafka_stream_client_state");
    }

    @Test
    void shouldChartOnlyMetricsTheServiceExportsAndTheAlertsTopic() throws IOException {
        JsonNode dashboard = JSON.readTree(DEPLOY.resolve("grafana/resetwatch-dashboard.json").toFile());
        List<JsonNode> targets = new ArrayList<>();
        elements(dashboard.path("panels")).forEach(p -> targets.addAll(elements(p.path("targets"))));
        List<JsonNode> prometheus = targets.stream()
                .filter(t -> t.at("/datasource/type").asText().equals("prometheus")).toList();
        List<JsonNode> kafka = targets.stream()
                .filter(t -> t.at("/datasource/type").asText().equals("hamedkarbasi93-kafka-datasource")).toList();

        assertThat(prometheus.size() + kafka.size()).isEqualTo(targets.size());
        assertThat(prometheus).isNotEmpty().allSatisfy(t ->
                assertThat(metricNames(t.path("expr").asText())).isNotEmpty().isSubsetOf(KNOWN_METRICS));
        assertThat(kafka).isNotEmpty().allSatisfy(t -> {
            assertThat(t.path("topicName").asText()).isEqualTo("resetwatch-alerts");
            assertThat(t.path("messageFormat").asText()).isEqualTo("json");
            // The time axis is the record timestamp, which resetwatch sets to the alert's event time.
            assertThat(t.path("timestampMode").asText()).isEqualTo("message");
        });
        Set<String> charted = new HashSet<>();
        prometheus.forEach(t -> charted.addAll(metricNames(t.path("expr").asText())));
        assertThat(charted).contains("resetwatch_resets_total", "resetwatch_alerts_total",
                "resetwatch_dead_letters_total", "resetwatch_records_parsed_total",
                "kafka_consumer_fetch_manager_records_lag");
    }

    @Test
    void shouldDeclareAKafkaTopicForEveryTopicTheServiceUses() {
        Map<String, JsonNode> topics = new HashMap<>();
        ofKind(render(STRIMZI), "KafkaTopic").forEach(t -> topics.put(t.at("/metadata/name").asText(), t));

        assertThat(topics.keySet()).containsExactlyInAnyOrderElementsOf(TOPICS);
        assertThat(topics.get("envoy-access-logs").at("/spec/partitions").asInt()).isEqualTo(12);
        assertThat(topics.get("k8s-pod-events").at("/spec/partitions").asInt()).isEqualTo(6);
        assertThat(topics.get("resetwatch-alerts").at("/spec/config/cleanup.policy").asText())
                .isEqualTo("compact,delete");
        long deadLetterRetention = topics.get("resetwatch-dead-letters").at("/spec/config/retention.ms").asLong();
        for (String input : List.of("envoy-access-logs", "k8s-pod-events")) {
            assertThat(deadLetterRetention).isGreaterThan(topics.get(input).at("/spec/config/retention.ms").asLong());
        }
        topics.values().forEach(t ->
                assertThat(t.at("/spec/config/message.timestamp.type").asText()).isEqualTo("CreateTime"));
    }

    @Test
    void shouldPassKafkaCredentialsOnlyFromSecretsInTheExampleOverlay() {
        List<JsonNode> objects = render(EXAMPLE_OVERLAY);
        for (JsonNode workload : List.of(only(objects, "StatefulSet", "resetwatch"),
                only(objects, "Deployment", "resetwatch-pod-watcher"))) {
            JsonNode container = workload.at("/spec/template/spec/containers/0");
            JsonNode jaas = env(container, "KAFKA_SASL_JAAS_CONFIG");

            assertThat(jaas.at("/valueFrom/secretKeyRef/name").asText()).isNotBlank();
            assertThat(jaas.has("value")).isFalse();
            assertThat(env(container, "KAFKA_SECURITY_PROTOCOL").path("value").asText()).isEqualTo("SASL_SSL");
        }
        assertThat(ofKind(objects, "Secret")).as("secrets are created out of band, never committed").isEmpty();
    }

    @Test
    void shouldGrantThePodWatcherOnlyReadAccessToPods() {
        for (Path dir : List.of(BASE, EXAMPLE_OVERLAY)) {
            List<JsonNode> objects = render(dir);
            JsonNode watcher = only(objects, "Deployment", "resetwatch-pod-watcher");
            JsonNode role = only(objects, "ClusterRole", "resetwatch-pod-watcher");
            JsonNode binding = only(objects, "ClusterRoleBinding", "resetwatch-pod-watcher");
            String account = watcher.at("/spec/template/spec/serviceAccountName").asText();

            assertThat(elements(role.path("rules"))).singleElement().satisfies(r -> {
                assertThat(strings(r.path("resources"))).containsExactly("pods");
                assertThat(strings(r.path("verbs"))).containsExactlyInAnyOrder("get", "list", "watch");
            });
            assertThat(binding.at("/roleRef/name").asText()).isEqualTo(role.at("/metadata/name").asText());
            assertThat(binding.at("/subjects/0/name").asText()).isEqualTo(account);
            assertThat(binding.at("/subjects/0/namespace").asText())
                    .isEqualTo(only(objects, "ServiceAccount", account).at("/metadata/namespace").asText());
            assertThat(strings(container(watcher, "watch-pods").path("args"))).containsExactly("watch-pods");
            assertThat(env(container(watcher, "watch-pods"), "RESETWATCH_POD_EVENTS_TOPIC").path("value").asText())
                    .isEqualTo("k8s-pod-events");
        }
    }

    @Test
    void shouldShipSidecarAccessLogsAsJsonEnvelopesToTheInputTopic() throws IOException {
        JsonNode fluentBit = YAML.readTree(DEPLOY.resolve("agents/fluent-bit/fluent-bit.yaml").toFile());
        JsonNode tail = fluentBit.at("/pipeline/inputs/0");
        JsonNode kafkaOutput = fluentBit.at("/pipeline/outputs/0");

        assertThat(tail.path("name").asText()).isEqualTo("tail");
        assertThat(tail.path("path").asText()).contains("istio-proxy");
        assertThat(tail.path("multiline.parser").asText()).isEqualTo("cri");
        assertThat(fluentBit.at("/pipeline/filters/0/name").asText()).isEqualTo("kubernetes");
        assertThat(kafkaOutput.path("name").asText()).isEqualTo("kafka");
        assertThat(kafkaOutput.path("topics").asText()).isEqualTo("envoy-access-logs");
        assertThat(kafkaOutput.path("format").asText()).isEqualTo("json");

        JsonNode vector = YAML.readTree(DEPLOY.resolve("agents/vector/vector.yaml").toFile());
        JsonNode source = vector.at("/sources/istio_proxy_logs");
        JsonNode sink = vector.at("/sinks/kafka_access_logs");

        assertThat(source.path("type").asText()).isEqualTo("kubernetes_logs");
        assertThat(source.path("extra_label_selector").asText()).isNotBlank();
        assertThat(joined(source.path("include_paths_glob_patterns"))).contains("/istio-proxy/");
        assertThat(sink.path("type").asText()).isEqualTo("kafka");
        assertThat(sink.path("topic").asText()).isEqualTo("envoy-access-logs");
        assertThat(sink.at("/encoding/codec").asText()).isEqualTo("json");
    }

    @Test
    void shouldExportPodEventsWithoutTheExportersFiveSecondAgeDrop() throws IOException {
        JsonNode config = YAML.readTree(DEPLOY.resolve("agents/kubernetes-event-exporter/config.yaml").toFile());
        JsonNode kafka = elements(config.path("receivers")).stream()
                .filter(r -> r.has("kafka")).findFirst().orElseThrow().path("kafka");

        assertThat(config.path("maxEventAgeSeconds").asInt()).isGreaterThanOrEqualTo(60);
        assertThat(kafka.path("topic").asText()).isEqualTo("k8s-pod-events");
        // A layout would render every value as a string; resetwatch reads the whole Event.
        assertThat(kafka.has("layout")).isFalse();
        assertThat(config.at("/route/routes/0/match/0/kind").asText()).contains("Pod");
    }

    @Test
    void shouldTurnOnJsonAccessLogsOnStdoutForTheMesh() throws IOException {
        JsonNode telemetry = YAML.readTree(DEPLOY.resolve("istio/telemetry.yaml").toFile());
        JsonNode operator = YAML.readTree(DEPLOY.resolve("istio/istio-operator.yaml").toFile());

        assertThat(telemetry.path("apiVersion").asText()).isEqualTo("telemetry.istio.io/v1");
        assertThat(telemetry.at("/spec/accessLogging/0/providers/0/name").asText()).isEqualTo("envoy");
        assertThat(operator.at("/spec/meshConfig/accessLogFile").asText()).isEqualTo("/dev/stdout");
        assertThat(operator.at("/spec/meshConfig/accessLogEncoding").asText()).isEqualTo("JSON");
    }

    @Test
    void shouldParseEveryYamlAndJsonFileUnderDeploy() throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(DEPLOY)) {
            files = walk.filter(Files::isRegularFile)
                    .filter(f -> f.toString().matches(".*\\.(ya?ml|json)$"))
                    .toList();
        }

        assertThat(files).hasSizeGreaterThan(10);
        for (Path file : files) {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            try {
                List<JsonNode> documents = file.toString().endsWith(".json")
                        ? List.of(JSON.readTree(text))
                        : YAML.readerFor(JsonNode.class).<JsonNode>readValues(text).readAll();
                assertThat(documents).as("documents in %s", file).isNotEmpty();
            } catch (IOException e) {
                fail(DEPLOY.relativize(file) + " does not parse: " + e.getMessage());
            }
        }
    }

    // --- PromQL -----------------------------------------------------------------------------------------

    private static final Pattern QUOTED = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'");
    private static final Pattern BRACED = Pattern.compile("\\{[^}]*}|\\[[^]]*]");
    private static final Pattern LABEL_LIST =
            Pattern.compile("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
    private static final Pattern IDENTIFIER = Pattern.compile("(?<![\\w.$])[a-zA-Z_:][a-zA-Z0-9_:]*\\b(?!\\s*\\()");
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset");

    /** Metric names an expression reads: identifiers that are not functions, keywords or label names. */
    static Set<String> metricNames(String expr) {
        String bare = QUOTED.matcher(expr).replaceAll("\"\"");
        bare = BRACED.matcher(bare).replaceAll(" ");
        bare = LABEL_LIST.matcher(bare).replaceAll(" ");
        Set<String> names = new HashSet<>();
        Matcher m = IDENTIFIER.matcher(bare);
        while (m.find()) {
            if (!KEYWORDS.contains(m.group())) {
                names.add(m.group());
            }
        }
        return names;
    }

    @Test
    void shouldFindMetricNamesInAPromQlExpression() {
        assertThat(metricNames("sum by (namespace, topic) (rate(a_total{job=\"x\", topic=~\"b|c\"}[5m])) "
                + "/ clamp_min(b_bytes offset 1h, 1e-9) > 0.01 or absent(up{job=\"r\"})"))
                .containsExactlyInAnyOrder("a_total", "b_bytes", "up");
    }

    // --- rendering --------------------------------------------------------------------------------------

    private static synchronized List<JsonNode> render(Path dir) {
        return RENDERED.computeIfAbsent(dir, DeployManifestsTest::kustomize);
    }

    private static List<JsonNode> kustomize(Path dir) {
        String kubectl = kubectl();
        try {
            Path stderr = Files.createTempFile("kustomize", ".err");
            try {
                Process process = new ProcessBuilder(kubectl, "kustomize", dir.toString())
                        .directory(REPO_ROOT.toFile())
                        .redirectError(stderr.toFile())
                        .start();
                byte[] out = process.getInputStream().readAllBytes();
                if (!process.waitFor(120, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    fail("kubectl kustomize " + dir + " did not finish within 120 s");
                }
                if (process.exitValue() != 0) {
                    fail("kubectl kustomize " + dir + " exited " + process.exitValue() + ": "
                            + Files.readString(stderr).strip());
                }
                return YAML.readerFor(JsonNode.class).<JsonNode>readValues(new String(out, StandardCharsets.UTF_8))
                        .readAll().stream().filter(n -> n != null && !n.isNull() && !n.isMissingNode()).toList();
            } finally {
                Files.deleteIfExists(stderr);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run kubectl kustomize " + dir, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while rendering " + dir, e);
        }
    }

    /** kubectl from PATH, else /usr/bin/kubectl; its absence fails the test, it never skips it. */
    private static String kubectl() {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, "kubectl");
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        if (Files.isExecutable(Path.of("/usr/bin/kubectl"))) {
            return "/usr/bin/kubectl";
        }
        return fail("kubectl is not installed (not on PATH, not at /usr/bin/kubectl): the deploy/ manifests "
                + "cannot be rendered with `kubectl kustomize`. Install kubectl (it bundles Kustomize) and rerun.");
    }

    private static List<Path> kustomizeDirectories() throws IOException {
        try (Stream<Path> walk = Files.walk(DEPLOY)) {
            return walk.filter(f -> f.getFileName().toString().equals("kustomization.yaml"))
                    .map(Path::getParent).sorted().toList();
        }
    }

    private static Path findRepoRoot() {
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            Path pom = d.resolve("pom.xml");
            try {
                if (Files.isRegularFile(pom)
                        && Files.readString(pom).contains("<artifactId>resetwatch-parent</artifactId>")
                        && Files.isDirectory(d.resolve("deploy"))) {
                    return d;
                }
            } catch (IOException e) {
                throw new IllegalStateException("cannot read " + pom, e);
            }
        }
        throw new IllegalStateException("no parent pom with a deploy/ directory above " + dir);
    }

    // --- object helpers ---------------------------------------------------------------------------------

    private static List<JsonNode> ofKind(List<JsonNode> objects, String kind) {
        return objects.stream().filter(o -> o.path("kind").asText().equals(kind)).toList();
    }

    private static JsonNode only(List<JsonNode> objects, String kind, String name) {
        List<JsonNode> found = ofKind(objects, kind).stream()
                .filter(o -> o.at("/metadata/name").asText().equals(name)).toList();
        assertThat(found).as("%s %s", kind, name).hasSize(1);
        return found.get(0);
    }

    private static JsonNode container(JsonNode workload, String name) {
        return elements(workload.at("/spec/template/spec/containers")).stream()
                .filter(c -> c.path("name").asText().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no container " + name));
    }

    private static JsonNode env(JsonNode container, String name) {
        return elements(container.path("env")).stream().filter(e -> e.path("name").asText().equals(name))
                .findFirst().orElseThrow(() -> new AssertionError("no env " + name));
    }

    private static int httpPortNamed(JsonNode container, String name) {
        return elements(container.path("ports")).stream().filter(p -> p.path("name").asText().equals(name))
                .mapToInt(p -> p.path("containerPort").asInt()).findFirst()
                .orElseThrow(() -> new AssertionError("no port " + name));
    }

    private static String mountPath(JsonNode container, String volume) {
        return elements(container.path("volumeMounts")).stream().filter(m -> m.path("name").asText().equals(volume))
                .map(m -> m.path("mountPath").asText()).findFirst()
                .orElseThrow(() -> new AssertionError("volume " + volume + " not mounted"));
    }

    /** Every selector entry is present with the same value among the labels (an empty selector matches all). */
    private static boolean matches(JsonNode selector, JsonNode labels) {
        if (selector.isMissingNode() || selector.isNull()) {
            return false;
        }
        for (Map.Entry<String, JsonNode> entry : selector.properties()) {
            if (!labels.path(entry.getKey()).asText().equals(entry.getValue().asText())) {
                return false;
            }
        }
        return true;
    }

    private static List<JsonNode> elements(JsonNode array) {
        List<JsonNode> nodes = new ArrayList<>();
        array.forEach(nodes::add);
        return nodes;
    }

    /** The text values of an array, or the one text value of a scalar. */
    private static List<String> strings(JsonNode node) {
        if (!node.isArray()) {
            return node.isMissingNode() ? List.of() : List.of(node.asText());
        }
        List<String> values = new ArrayList<>();
        node.forEach(n -> values.add(n.asText()));
        return values;
    }

    private static String joined(JsonNode node) {
        return String.join(" ", strings(node));
    }
}

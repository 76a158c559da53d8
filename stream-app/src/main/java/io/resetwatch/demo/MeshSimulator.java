package io.resetwatch.demo;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.resetwatch.serde.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;

/**
 * Writes the records a real mesh would ship into resetwatch's two input topics: both sidecars' access-log
 * lines for every request (the caller's outbound line as raw typed Istio JSON, the callee's inbound line as
 * Istio TEXT inside a Fluent Bit envelope), pod watch events and kubernetes-event-exporter events — and lets a
 * script inject incidents with the signatures of DOMAIN §10. Deterministic for a seed. Used by {@code demo},
 * {@code bench} and the scenario tests.
 */
public final class MeshSimulator {

    /** One record for one input topic, with its record timestamp. */
    public record Emitted(boolean accessLog, long timeMs, String value) {
    }

    public final class Service {
        final String namespace;
        final String name;
        final int port;
        final List<Pod> pods = new ArrayList<>();

        Service(String namespace, String name, int port) {
            this.namespace = namespace;
            this.name = name;
            this.port = port;
        }

        public List<Pod> pods() {
            return pods;
        }

        public String name() {
            return name;
        }

        public String namespace() {
            return namespace;
        }

        String fqdn() {
            return name + "." + namespace + ".svc.cluster.local";
        }
    }

    public final class Pod {
        final Service service;
        final String name;
        final String uid;
        final String ip;
        final String node;
        int restarts;
        /** Until when the pod receives traffic (deleted pods stop; their IP lingers as a stale endpoint). */
        long goneAtMs = Long.MAX_VALUE;
        long deletedAtMs = Long.MAX_VALUE;

        Pod(Service service, String name, String ip, String node) {
            this.service = service;
            this.name = name;
            this.uid = uuid();
            this.ip = ip;
            this.node = node;
        }

        public String name() {
            return name;
        }

        public String ip() {
            return ip;
        }

        public String node() {
            return node;
        }
    }

    private final Random random;
    private final List<Emitted> out = new ArrayList<>();
    private final Service client;
    private int ipCounter = 10;

    public MeshSimulator(long seed) {
        this.random = new Random(seed);
        this.client = new Service("shop", "frontend", 8080);
    }

    /** A service with {@code pods} pods spread over the given nodes, announced by pod watch ADDED records. */
    public Service service(String namespace, String name, int pods, Instant at, String... nodes) {
        Service service = new Service(namespace, name, 8080);
        String rs = name + "-" + hex(10);
        for (int i = 0; i < pods; i++) {
            addPod(service, rs, nodes[i % nodes.length], at);
        }
        return service;
    }

    public Pod addPod(Service service, String replicaSet, String node, Instant at) {
        Pod pod = new Pod(service, replicaSet + "-" + hex(5), "10.42." + (ipCounter / 250) + "." + (ipCounter % 250 + 2),
                node);
        ipCounter++;
        service.pods.add(pod);
        emitPod("ADDED", pod, at.toEpochMilli(), null, null, "Running");
        return pod;
    }

    /** Healthy request/response traffic, {@code perSecond} requests a second spread over the live pods. */
    public void traffic(Service service, Instant from, Duration length, int perSecond) {
        long start = from.toEpochMilli();
        long end = start + length.toMillis();
        for (long second = start; second < end; second += 1000) {
            for (int i = 0; i < perSecond; i++) {
                long t = second + random.nextInt(1000);
                List<Pod> live = service.pods.stream().filter(p -> p.goneAtMs > t).toList();
                if (live.isEmpty()) {
                    continue;
                }
                Pod pod = live.get(random.nextInt(live.size()));
                long duration = 2 + random.nextInt(40);
                request(pod, t, duration, 200, "-", "via_upstream", "-", 200, "-", "via_upstream");
            }
        }
    }

    /**
     * The app container of {@code pod} is OOM-killed at {@code at}: in-flight requests end in UC, then the
     * sidecar refuses with UF 111 while the container restarts; the pod feed reports OOMKilled with exit 137.
     */
    public void oomKill(Pod pod, Instant at, String memoryLimit, int resets) {
        long t = at.toEpochMilli();
        crashBurst(pod, t, resets);
        pod.restarts++;
        emitPod("MODIFIED", pod, t + 1500, terminated("OOMKilled", 137, t), memoryLimit, "Running");
    }

    /** A crash (exit 1, no kubelet kill) and restart, with a BackOff event. */
    public void crash(Pod pod, Instant at, int resets) {
        long t = at.toEpochMilli();
        crashBurst(pod, t, resets);
        pod.restarts++;
        emitPod("MODIFIED", pod, t + 1500, terminated("Error", 1, t), "512Mi", "Running");
        emitEvent(pod, "BackOff", "Warning", "Back-off restarting failed container app in pod " + pod.name, t + 12_000,
                "spec.containers{app}");
    }

    /**
     * A rolling update that deletes {@code pod} without draining: the deployment scales its old replica set
     * down, the pod is deleted, in-flight requests fail with UC, and callers keep sending to its stale IP for
     * a while (outbound URX,UF connection_timeout). The container exits 137 after the grace period.
     */
    public void rolloutWithoutDrain(Pod pod, Instant at, int resets) {
        long t = at.toEpochMilli();
        String rs = pod.name.substring(0, pod.name.lastIndexOf('-'));
        emitEventFor("Deployment", pod.service.namespace, pod.service.name, null, "ScalingReplicaSet", "Normal",
                "Scaled down replica set " + rs + " to " + (pod.service.pods.size() - 1) + " from "
                        + pod.service.pods.size(), t - 500, null);
        emitEventFor("ReplicaSet", pod.service.namespace, rs, null, "SuccessfulDelete", "Normal",
                "Deleted pod: " + pod.name, t - 400, null);
        emitEvent(pod, "Killing", "Normal", "Stopping container app", t, "spec.containers{app}");
        pod.deletedAtMs = t;
        emitPod("MODIFIED", pod, t, null, "512Mi", "Running");
        for (int i = 0; i < resets / 2; i++) {
            long when = t + random.nextInt(2000);
            request(pod, when, 1 + random.nextInt(300), 503, "UC",
                    "upstream_reset_before_response_started{connection_termination}", "-", 503, "-", "via_upstream");
        }
        pod.goneAtMs = t + 2000;
        emitPod("MODIFIED", pod, t + 2500, terminated("Error", 137, t + 2000), "512Mi", "Running");
        emitPod("DELETED", pod, t + 3000, terminated("Error", 137, t + 2000), "512Mi", "Running");
        for (int i = 0; i < resets - resets / 2; i++) {
            long when = t + 3000 + random.nextInt(15_000);
            outboundOnly(pod, when, 10_000 + random.nextInt(20), 503, "URX,UF",
                    "upstream_reset_before_response_started{connection_timeout}", "-");
        }
    }

    /**
     * Sporadic UC on inbound lines with tiny durations, spread over every pod: the app closed an idle
     * keep-alive connection that the sidecar reused.
     */
    public void keepAliveRace(Service service, Instant from, Duration length, int perMinute) {
        long start = from.toEpochMilli();
        long minutes = Math.max(1, length.toMinutes());
        for (long m = 0; m < minutes; m++) {
            for (int i = 0; i < perMinute; i++) {
                long t = start + m * 60_000 + random.nextInt(60_000);
                Pod pod = service.pods.get((int) ((m * perMinute + i) % service.pods.size()));
                request(pod, t, random.nextInt(40), 503, "UC",
                        "upstream_reset_before_response_started{connection_termination}", "-", 503, "-",
                        "via_upstream");
            }
        }
    }

    /** Resets whose durations cluster at one fixed value: an in-pod timeout cutting requests at {@code cutMs}. */
    public void appTimeout(Service service, Instant from, Duration length, int perMinute, long cutMs) {
        long start = from.toEpochMilli();
        for (long m = 0; m < Math.max(1, length.toMinutes()); m++) {
            for (int i = 0; i < perMinute; i++) {
                long t = start + m * 60_000 + random.nextInt(60_000);
                Pod pod = service.pods.get(random.nextInt(service.pods.size()));
                request(pod, t, cutMs + random.nextInt(3), 503, "UC",
                        "upstream_reset_before_response_started{connection_termination}", "-", 503, "-",
                        "via_upstream");
            }
        }
    }

    /**
     * Lifecycle noise on a service that has no resets: image pulls and container starts, and readiness probe
     * failures — the everyday events an SRE's cluster is full of.
     */
    public void noise(Service service, Instant from, Duration length) {
        long start = from.toEpochMilli();
        for (Pod pod : service.pods) {
            long t = start + random.nextInt((int) Math.max(1, length.toMillis()));
            emitEvent(pod, "Pulled", "Normal", "Container image \"registry.example/" + service.name
                    + ":1.4.2\" already present on machine", t, "spec.containers{app}");
            emitEvent(pod, "Created", "Normal", "Created container app", t + 200, "spec.containers{app}");
            emitEvent(pod, "Started", "Normal", "Started container app", t + 400, "spec.containers{app}");
            emitEvent(pod, "Unhealthy", "Warning", "Readiness probe failed: HTTP probe failed with statuscode: 503",
                    t + 5_000, "spec.containers{app}");
        }
    }

    /**
     * A hang ended by the liveness probe: requests slow down and callers time out (504 UT, the destination logs
     * 0 DC), three probe failures 10 s apart, the kubelet kills the container (exit 143), in-flight requests end
     * in UC and the sidecar refuses with UF 111 while the app restarts.
     */
    public void livenessRestart(Pod pod, Instant killAt, int resets) {
        long kill = killAt.toEpochMilli();
        for (int i = 0; i < 6; i++) {
            long when = kill - 30_000 + i * 5_000;
            Pod caller = callerPod();
            String id = uuid();
            out.add(new Emitted(true, when + 1, inboundLine(pod, caller, when - 15_000, 15_000, 0, "DC",
                    "downstream_remote_disconnect", "-", id)));
            out.add(new Emitted(true, when + 2, outboundLine(pod, caller, when - 15_000, 15_000, 504, "UT",
                    "response_timeout", "-", id)));
        }
        for (int i = 3; i >= 1; i--) {
            emitEvent(pod, "Unhealthy", "Warning", "Liveness probe failed: Get \"http://" + pod.ip
                    + ":8080/healthz\": context deadline exceeded (Client.Timeout exceeded while awaiting headers)",
                    kill - i * 10_000L, "spec.containers{app}");
        }
        emitEvent(pod, "Killing", "Normal", "Container app failed liveness probe, will be restarted", kill,
                "spec.containers{app}");
        crashBurst(pod, kill, resets);
        pod.restarts++;
        emitPod("MODIFIED", pod, kill + 1500, terminated("Error", 143, kill), "512Mi", "Running");
    }

    /**
     * A node drops off the network: callers' connections to every pod on it time out (URX,UF connection_timeout,
     * or errno 113), Kubernetes marks the node NotReady on its pods, and no container terminates.
     */
    public void nodeUnreachable(String node, List<Service> services, Instant from, Duration length, int perMinute) {
        long start = from.toEpochMilli();
        for (Service service : services) {
            for (Pod pod : service.pods) {
                if (!pod.node.equals(node)) {
                    continue;
                }
                emitEvent(pod, "NodeNotReady", "Warning", "Node is not ready", start + 20_000, null);
                for (long m = 0; m < Math.max(1, length.toMinutes()); m++) {
                    for (int i = 0; i < perMinute; i++) {
                        long t = start + m * 60_000 + random.nextInt(60_000);
                        boolean unreachable = random.nextInt(3) == 0;
                        outboundOnly(pod, t, unreachable ? 3 : 10_000 + random.nextInt(10), 503, "URX,UF",
                                unreachable
                                        ? "upstream_reset_before_response_started{remote_connection_failure|delayed_connect_error:_113}"
                                        : "upstream_reset_before_response_started{connection_timeout}",
                                unreachable ? "delayed_connect_error:_113" : "-");
                    }
                }
            }
        }
    }

    /** A DestinationRule change makes callers' TLS handshakes to one service fail certificate verification. */
    public void tlsMisconfig(Service service, Instant from, Duration length, int perSecond) {
        String tls = "TLS_error:|268435581:SSL_routines:OPENSSL_internal:CERTIFICATE_VERIFY_FAILED:TLS_error_end";
        long start = from.toEpochMilli();
        for (long t = start; t < start + length.toMillis(); t += 1000) {
            for (int i = 0; i < perSecond; i++) {
                Pod pod = service.pods.get(random.nextInt(service.pods.size()));
                outboundOnly(pod, t + random.nextInt(1000), 2 + random.nextInt(5), 503, "UF",
                        "upstream_reset_before_response_started{remote_connection_failure|" + tls + "}", tls);
            }
        }
    }

    /** An explicit DestinationRule connection-pool limit overflows: UO on callers, no host chosen, ~1 ms. */
    public void circuitBreakerOverflow(Service service, Instant from, Duration length, int perSecond) {
        long start = from.toEpochMilli();
        for (long t = start; t < start + length.toMillis(); t += 1000) {
            for (int i = 0; i < perSecond; i++) {
                Pod caller = callerPod();
                long when = t + random.nextInt(1000);
                String line = outboundLine(service.pods.get(0), caller, when - 1, random.nextInt(2), 503, "UO",
                        "upstream_reset_before_response_started{overflow}", "-", uuid())
                        .replace("\"upstream_host\":\"" + service.pods.get(0).ip + ":" + service.port + "\"",
                                "\"upstream_host\":null");
                out.add(new Emitted(true, when + 2, line));
            }
        }
    }

    /** Every record so far, ordered by record timestamp (stable). */
    public List<Emitted> records() {
        List<Emitted> sorted = new ArrayList<>(out);
        sorted.sort(Comparator.comparingLong(Emitted::timeMs));
        return sorted;
    }

    private void crashBurst(Pod pod, long t, int resets) {
        for (int i = 0; i < resets; i++) {
            long when = t + random.nextInt(1500);
            request(pod, when, 50 + random.nextInt(2000), 503, "UC",
                    "upstream_reset_before_response_started{connection_termination}", "-", 503, "-", "via_upstream");
        }
        for (int i = 0; i < resets / 2; i++) {
            long when = t + 1500 + random.nextInt(4000);
            request(pod, when, 0, 503, "UF",
                    "upstream_reset_before_response_started{remote_connection_failure,delayed_connect_error:_111}",
                    "delayed_connect_error:_111", 503, "-", "via_upstream");
        }
    }

    private void request(Pod pod, long endMs, long durationMs, int inCode, String inFlags, String inDetails,
                         String inTransport, int outCode, String outFlags, String outDetails) {
        String requestId = uuid();
        Pod caller = callerPod();
        long start = endMs - durationMs;
        out.add(new Emitted(true, endMs + 1, inboundLine(pod, caller, start, durationMs, inCode, inFlags, inDetails,
                inTransport, requestId)));
        out.add(new Emitted(true, endMs + 2, outboundLine(pod, caller, start, durationMs + 1, outCode, outFlags,
                outDetails, "-", requestId)));
    }

    private void outboundOnly(Pod pod, long endMs, long durationMs, int code, String flags, String details,
                              String transport) {
        Pod caller = callerPod();
        out.add(new Emitted(true, endMs + 2, outboundLine(pod, caller, endMs - durationMs, durationMs, code, flags,
                details, transport, uuid())));
    }

    private Pod callerPod() {
        if (client.pods.isEmpty()) {
            client.pods.add(new Pod(client, "frontend-5d8f7c9b4-q7x2k", "10.42.9.9", "node-c"));
        }
        return client.pods.get(0);
    }

    /** Istio TEXT (1.9+ layout) from the callee's sidecar, in a Fluent Bit CRI envelope. */
    private String inboundLine(Pod pod, Pod caller, long startMs, long durationMs, int code, String flags,
                               String details, String transport, String requestId) {
        Service s = pod.service;
        String line = String.format(Locale.ROOT,
                "[%s] \"GET /api/v1/items HTTP/1.1\" %d %s %s - \"%s\" 0 %d %d %s \"-\" \"frontend/1.0\" \"%s\" "
                        + "\"%s:%d\" \"%s:%d\" inbound|%d|| 127.0.0.6:%d %s:%d %s:%d outbound_.%d_._.%s default",
                Instant.ofEpochMilli(startMs), code, flags, details, transport, code == 200 ? 512 : 95, durationMs,
                code == 200 ? Long.toString(Math.max(1, durationMs - 1)) : "-", requestId, s.name, s.port, pod.ip,
                s.port, s.port, 40000 + random.nextInt(20000), pod.ip, s.port, caller.ip, 30000 + random.nextInt(30000),
                s.port, s.fqdn());
        ObjectNode envelope = Json.mapper().createObjectNode();
        envelope.put("@timestamp", (startMs + durationMs) / 1000.0);
        envelope.put("log", line);
        envelope.put("stream", "stdout");
        ObjectNode k8s = envelope.putObject("kubernetes");
        k8s.put("pod_name", pod.name);
        k8s.put("namespace_name", s.namespace);
        k8s.put("pod_id", pod.uid);
        k8s.putObject("labels").put("app", s.name).put("pod-template-hash", "x");
        k8s.put("host", pod.node);
        k8s.put("pod_ip", pod.ip);
        k8s.put("container_name", "istio-proxy");
        k8s.put("container_image", "docker.io/istio/proxyv2:1.24.3");
        return envelope.toString();
    }

    /** Typed Istio JSON (accessLogEncoding: JSON) from the caller's sidecar, shipped as a raw value. */
    private String outboundLine(Pod pod, Pod caller, long startMs, long durationMs, int code, String flags,
                                String details, String transport, String requestId) {
        Service s = pod.service;
        ObjectNode line = Json.mapper().createObjectNode();
        line.put("start_time", Instant.ofEpochMilli(startMs).toString());
        line.put("route_name", "default");
        line.put("method", "GET");
        line.put("path", "/api/v1/items?session=secret-token");
        line.put("protocol", "HTTP/1.1");
        line.put("response_code", code);
        line.put("response_flags", flags);
        line.put("response_code_details", details);
        line.putNull("connection_termination_details");
        line.put("bytes_received", 0);
        line.put("bytes_sent", code == 200 ? 512 : 95);
        line.put("duration", durationMs);
        if (code == 200) {
            line.put("upstream_service_time", Math.max(1, durationMs - 2));
        } else {
            line.putNull("upstream_service_time");
        }
        line.putNull("x_forwarded_for");
        line.put("user_agent", "frontend/1.0");
        line.put("request_id", requestId);
        line.put("authority", s.name + ":" + s.port);
        line.put("upstream_host", pod.ip + ":" + s.port);
        line.put("upstream_cluster", "outbound|" + s.port + "||" + s.fqdn());
        line.put("upstream_local_address", caller.ip + ":" + (30000 + random.nextInt(30000)));
        line.put("downstream_local_address", "10.96.0." + (Math.abs(s.name.hashCode()) % 200 + 10) + ":" + s.port);
        line.put("downstream_remote_address", caller.ip + ":" + (30000 + random.nextInt(30000)));
        line.putNull("requested_server_name");
        if ("-".equals(transport)) {
            line.putNull("upstream_transport_failure_reason");
        } else {
            line.put("upstream_transport_failure_reason", transport);
        }
        return line.toString();
    }

    private ObjectNode terminated(String reason, int exitCode, long finishedMs) {
        ObjectNode terminated = Json.mapper().createObjectNode();
        terminated.put("reason", reason);
        terminated.put("exitCode", exitCode);
        terminated.put("startedAt", Instant.ofEpochMilli(finishedMs - 3_600_000).truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
        terminated.put("finishedAt", Instant.ofEpochMilli(finishedMs).truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
        return terminated;
    }

    /** A pod watch record as the OTel k8sobjects receiver (or {@code resetwatch watch-pods}) ships it. */
    private void emitPod(String type, Pod pod, long atMs, ObjectNode lastTerminated, String memoryLimit, String phase) {
        ObjectNode record = Json.mapper().createObjectNode();
        record.put("type", type);
        ObjectNode object = record.putObject("object");
        object.put("apiVersion", "v1");
        object.put("kind", "Pod");
        ObjectNode metadata = object.putObject("metadata");
        metadata.put("name", pod.name);
        metadata.put("namespace", pod.service.namespace);
        metadata.put("uid", pod.uid);
        metadata.putObject("labels").put("app", pod.service.name);
        ArrayNode owners = metadata.putArray("ownerReferences");
        owners.addObject().put("apiVersion", "apps/v1").put("kind", "ReplicaSet")
                .put("name", pod.name.substring(0, pod.name.lastIndexOf('-'))).put("controller", true);
        if (pod.deletedAtMs != Long.MAX_VALUE) {
            metadata.put("deletionTimestamp", Instant.ofEpochMilli(pod.deletedAtMs + 30_000)
                    .truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
            metadata.put("deletionGracePeriodSeconds", 30);
        }
        ObjectNode spec = object.putObject("spec");
        spec.put("nodeName", pod.node);
        spec.put("terminationGracePeriodSeconds", 30);
        ObjectNode app = spec.putArray("containers").addObject();
        app.put("name", "app");
        app.putObject("resources").putObject("limits").put("memory", memoryLimit == null ? "512Mi" : memoryLimit);
        ObjectNode status = object.putObject("status");
        status.put("phase", phase);
        status.put("podIP", pod.ip);
        status.putArray("podIPs").addObject().put("ip", pod.ip);
        ObjectNode cs = status.putArray("containerStatuses").addObject();
        cs.put("name", "app");
        cs.put("restartCount", pod.restarts);
        cs.put("ready", lastTerminated == null);
        cs.putObject("state").putObject("running").put("startedAt",
                Instant.ofEpochMilli(atMs).truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
        if (lastTerminated != null) {
            cs.putObject("lastState").set("terminated", lastTerminated);
        }
        out.add(new Emitted(false, atMs, record.toString()));
    }

    private void emitEvent(Pod pod, String reason, String type, String message, long atMs, String fieldPath) {
        emitEventFor("Pod", pod.service.namespace, pod.name, pod.uid, reason, type, message, atMs, fieldPath);
    }

    /** A kubernetes-event-exporter record: core/v1 Event + clusterName + enriched involvedObject. */
    private void emitEventFor(String kind, String namespace, String name, String uid, String reason, String type,
                              String message, long atMs, String fieldPath) {
        String ts = Instant.ofEpochMilli(atMs).truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
        ObjectNode event = Json.mapper().createObjectNode();
        ObjectNode metadata = event.putObject("metadata");
        metadata.put("name", name + "." + Long.toHexString(atMs * 1_000_000L));
        metadata.put("namespace", namespace);
        metadata.put("uid", uuid());
        metadata.put("creationTimestamp", ts);
        event.put("reason", reason);
        event.put("message", message);
        event.putObject("source").put("component", "Pod".equals(kind) ? "kubelet" : "controller");
        event.put("firstTimestamp", ts);
        event.put("lastTimestamp", ts);
        event.put("count", 1);
        event.put("type", type);
        event.putNull("eventTime");
        event.put("clusterName", "demo");
        ObjectNode involved = event.putObject("involvedObject");
        involved.put("kind", kind);
        involved.put("namespace", namespace);
        involved.put("name", name);
        if (uid != null) {
            involved.put("uid", uid);
        }
        involved.put("apiVersion", "Pod".equals(kind) ? "v1" : "apps/v1");
        if (fieldPath != null) {
            involved.put("fieldPath", fieldPath);
        }
        out.add(new Emitted(false, atMs, event.toString()));
    }

    private String uuid() {
        return new UUID(random.nextLong(), random.nextLong()).toString();
    }

    private String hex(int length) {
        String alphabet = "bcdfghjklmnpqrstvwxz2456789";
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < length; i++) {
            sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return sb.toString();
    }
}

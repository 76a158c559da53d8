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
        /** Intervals [from, to) in which {@link #traffic} leaves the service to an injected incident. */
        final List<long[]> away = new ArrayList<>();

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
        /** From when callers send to the pod (a new pod of a rollout only once it is ready). */
        long bornAtMs = Long.MIN_VALUE;
        /** Intervals [from, to) in which callers' healthy requests do not reach the pod (hung, partitioned). */
        final List<long[]> away = new ArrayList<>();

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

        /** Whether healthy traffic reaches the pod at {@code t}. */
        boolean serves(long t) {
            if (t < bornAtMs || t >= goneAtMs) {
                return false;
            }
            for (long[] a : away) {
                if (t >= a[0] && t < a[1]) {
                    return false;
                }
            }
            return true;
        }
    }

    private final Random random;
    private final List<Emitted> out = new ArrayList<>();
    private final List<Service> services = new ArrayList<>();
    private final Service client;
    private int ipCounter = 10;
    private long requests;
    private long failedRequests;

    public MeshSimulator(long seed) {
        this.random = new Random(seed);
        this.client = new Service("shop", "frontend", 8080);
    }

    /** A service with {@code pods} pods spread over the given nodes, announced by pod watch ADDED records. */
    public Service service(String namespace, String name, int pods, Instant at, String... nodes) {
        Service service = new Service(namespace, name, 8080);
        services.add(service);
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
        pod.bornAtMs = at.toEpochMilli();
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
                if (service.away.stream().anyMatch(a -> t >= a[0] && t < a[1])) {
                    continue; // the injected incident writes this service's lines itself
                }
                List<Pod> live = service.pods.stream().filter(p -> p.serves(t)).toList();
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
     * The app container of {@code pod} hangs and the kubelet restarts it for failing its liveness probe at
     * {@code killAt}. Before the kill requests slow down (durations grow), then hang until the callers' route
     * timeout (outbound {@code 504 UT response_timeout}, inbound {@code 0 DC downstream_remote_disconnect}); the
     * probe fails three times 10 s apart (one Event whose count grows), the kubelet logs Killing "failed liveness
     * probe, will be restarted", the hung requests end in a UC burst, the container exits 143 with restartCount
     * +1, and the sidecar refuses with UF 111 until the app listens again.
     */
    public void livenessRestart(Pod pod, Instant killAt, int resets) {
        long t = killAt.toEpochMilli();
        long hangFrom = t - 50_000;
        long listensAgain = t + 8_000;
        pod.away.add(new long[] {hangFrom, listensAgain});
        for (int i = 0; i < resets; i++) { // slowing down: answered, but later and later
            long when = hangFrom + i * 20_000L / Math.max(1, resets);
            request(pod, when, 400 + (when - hangFrom) / 4 + random.nextInt(200), 200, "-", "via_upstream", "-",
                    200, "-", "via_upstream");
        }
        long routeTimeoutMs = 15_000;
        for (int i = 0; i < resets / 2; i++) { // hung: the callers' route timeout answers 504
            long when = hangFrom + 20_000 + random.nextInt((int) (t - hangFrom - 20_000));
            request(pod, when, routeTimeoutMs, 0, "DC", "downstream_remote_disconnect", "-", 504, "UT",
                    "response_timeout");
        }
        String probe = "Liveness probe failed: Get \"http://" + pod.ip + ":" + pod.service.port
                + "/healthz\": context deadline exceeded (Client.Timeout exceeded while awaiting headers)";
        EventSeries unhealthy = new EventSeries(pod.name + "." + Long.toHexString((t - 20_000) * 1_000_000L), uuid(),
                t - 20_000, 1);
        for (int n = 1; n <= 3; n++) {
            emitEventFor("Pod", pod.service.namespace, pod.name, pod.uid, "Unhealthy", "Warning", probe,
                    t - 20_000 + (n - 1) * 10_000L, "spec.containers{app}", "kubelet",
                    new EventSeries(unhealthy.name(), unhealthy.uid(), unhealthy.firstMs(), n));
        }
        emitEvent(pod, "Killing", "Normal", "Container app failed liveness probe, will be restarted", t,
                "spec.containers{app}");
        for (int i = 0; i < resets; i++) { // the requests still hanging when SIGTERM closed the app's sockets
            long when = t + random.nextInt(1500);
            request(pod, when, 1_000 + random.nextInt(13_000), 503, "UC",
                    "upstream_reset_before_response_started{connection_termination}", "-", 503, "-", "via_upstream");
        }
        for (int i = 0; i < resets / 2; i++) {
            long when = t + 1_500 + random.nextInt((int) (listensAgain - t - 1_500));
            request(pod, when, 0, 503, "UF",
                    "upstream_reset_before_response_started{remote_connection_failure,delayed_connect_error:_111}",
                    "delayed_connect_error:_111", 503, "-", "via_upstream");
        }
        pod.restarts++;
        emitPod("MODIFIED", pod, t + 2_500, terminated("Error", 143, t + 1_500), "512Mi", "Running");
        containerStarts(pod, t + 3_000);
    }

    /**
     * {@code node} drops off the network from {@code from} for {@code length}: callers' connects to the live pods
     * on it time out ({@code URX,UF connection_timeout}, ~10 s per attempt) or fail with EHOSTUNREACH (113); the
     * pods' own sidecars log nothing; the node controller marks every pod on the node with NodeNotReady after its
     * 40 s grace. No container ends.
     */
    public void networkPartition(String node, Instant from, Duration length, int perMinute) {
        long start = from.toEpochMilli();
        long end = start + length.toMillis();
        List<Pod> onNode = services.stream().flatMap(s -> s.pods.stream())
                .filter(p -> node.equals(p.node) && p.serves(start)).toList();
        if (onNode.isEmpty()) {
            return;
        }
        for (Pod pod : onNode) {
            pod.away.add(new long[] {start, end});
            emitEventFor("Pod", pod.service.namespace, pod.name, pod.uid, "NodeNotReady", "Warning",
                    "Node is not ready", start + 40_000, null, "node-controller",
                    new EventSeries(pod.name + "." + Long.toHexString((start + 40_000) * 1_000_000L), uuid(),
                            start + 40_000, 1));
        }
        long failures = Math.max(1, length.toMillis() * perMinute / 60_000);
        for (long i = 0; i < failures; i++) {
            Pod pod = onNode.get((int) (i % onNode.size()));
            long when = start + random.nextInt((int) length.toMillis());
            if (random.nextBoolean()) {
                outboundOnly(pod, when, 10_000 * (1 + random.nextInt(3)) + random.nextInt(15), 503, "URX,UF",
                        "upstream_reset_before_response_started{connection_timeout}", "-");
            } else {
                outboundOnly(pod, when, 3_000 + random.nextInt(100), 503, "URX,UF",
                        "upstream_reset_before_response_started{remote_connection_failure|delayed_connect_error:_113}",
                        "delayed_connect_error:_113");
            }
        }
    }

    /**
     * From {@code from} for {@code length} the callers originate TLS that {@code service}'s pods do not accept (a
     * DestinationRule applied at that moment): every request fails at the handshake, a few milliseconds in, with
     * {@code UF} and a CERTIFICATE_VERIFY_FAILED transport failure; the upstream's sidecars never see a request.
     */
    public void tlsMisconfig(Service service, Instant from, Duration length, int perSecond) {
        long start = from.toEpochMilli();
        long end = start + length.toMillis();
        service.away.add(new long[] {start, end});
        String tls = "TLS_error:|268435581:SSL_routines:OPENSSL_internal:CERTIFICATE_VERIFY_FAILED:TLS_error_end";
        for (long second = start; second < end; second += 1000) {
            for (int i = 0; i < perSecond; i++) {
                long t = second + random.nextInt(1000);
                List<Pod> live = service.pods.stream().filter(p -> p.serves(t)).toList();
                if (live.isEmpty()) {
                    continue;
                }
                Pod pod = live.get(random.nextInt(live.size()));
                outboundOnly(pod, t, 2 + random.nextInt(8), 503, "URX,UF",
                        "upstream_reset_before_response_started{remote_connection_failure|" + tls + "}", tls);
            }
        }
    }

    /**
     * Callers' sidecars refuse requests to {@code service} because a DestinationRule connection-pool limit is
     * full: {@code 503 UO upstream_reset_before_response_started{overflow}}, no upstream host, 0–2 ms, outbound
     * only. The rest of the traffic keeps flowing.
     */
    public void circuitBreakerOverflow(Service service, Instant from, Duration length, int perMinute) {
        long start = from.toEpochMilli();
        long total = Math.max(1, length.toMillis() * perMinute / 60_000);
        for (long i = 0; i < total; i++) {
            long t = start + random.nextInt((int) length.toMillis());
            outboundOnly(service, "-", t, random.nextInt(3), 503, "UO",
                    "upstream_reset_before_response_started{overflow}", "-");
        }
    }

    /**
     * Resets on requests to {@code service} that went to {@code ip}, an endpoint no pod feed covers (a VM
     * workload, a cluster whose pods are not watched): connection terminations of varied duration, outbound only.
     */
    public void resetsToUnwatchedIp(Service service, String ip, Instant from, Duration length, int perMinute) {
        long start = from.toEpochMilli();
        long total = Math.max(1, length.toMillis() * perMinute / 60_000);
        for (long i = 0; i < total; i++) {
            long t = start + random.nextInt((int) length.toMillis());
            outboundOnly(service, ip + ":" + service.port, t, 150 + random.nextInt(4_000), 503, "UC",
                    "upstream_reset_before_response_started{connection_termination}", "-");
        }
    }

    /**
     * A rolling update of {@code service} done right: one pod at a time, a new pod starts and turns ready, then the
     * old one is deleted; its endpoint is removed at once and a preStop sleep keeps it alive until callers have
     * stopped sending, so it exits 143 with nothing in flight. No resets.
     */
    public void gracefulRollout(Service service, Instant at) {
        long t = at.toEpochMilli();
        String newRs = service.name + "-" + hex(10);
        List<Pod> old = List.copyOf(service.pods);
        for (int i = 0; i < old.size(); i++) {
            Pod previous = old.get(i);
            long step = t + i * 30_000L;
            String oldRs = previous.name.substring(0, previous.name.lastIndexOf('-'));
            emitEventFor("Deployment", service.namespace, service.name, null, "ScalingReplicaSet", "Normal",
                    "Scaled up replica set " + newRs + " to " + (i + 1) + " from " + i, step, null);
            Pod next = addPod(service, newRs, previous.node, Instant.ofEpochMilli(step + 500));
            next.bornAtMs = step + 12_000; // ready, and in the endpoints, once it has started
            emitEventFor("ReplicaSet", service.namespace, newRs, null, "SuccessfulCreate", "Normal",
                    "Created pod: " + next.name, step + 400, null);
            containerStarts(next, step + 3_000);
            long down = step + 15_000;
            emitEventFor("Deployment", service.namespace, service.name, null, "ScalingReplicaSet", "Normal",
                    "Scaled down replica set " + oldRs + " to " + (old.size() - i - 1) + " from " + (old.size() - i),
                    down, null);
            emitEventFor("ReplicaSet", service.namespace, oldRs, null, "SuccessfulDelete", "Normal",
                    "Deleted pod: " + previous.name, down + 100, null);
            previous.deletedAtMs = down + 200;
            previous.goneAtMs = down + 200; // endpoint removed; the preStop sleep outlasts its propagation
            emitPod("MODIFIED", previous, down + 200, null, "512Mi", "Running");
            emitEvent(previous, "Killing", "Normal", "Stopping container app", down + 300, "spec.containers{app}");
            emitEvent(previous, "Unhealthy", "Warning", "Readiness probe failed: HTTP probe failed with statuscode: 503",
                    down + 2_000, "spec.containers{app}");
            ObjectNode exit = terminated("Error", 143, down + 11_000);
            emitPod("MODIFIED", previous, down + 11_500, null, exit, "512Mi", "Running");
            emitPod("DELETED", previous, down + 12_000, null, exit, "512Mi", "Running");
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

    /** Requests written so far (one per request, whether one or both sidecars logged it). */
    public long requests() {
        return requests;
    }

    /** Requests so far that did not end in a clean 200: resets, timeouts, refused connections. */
    public long failedRequests() {
        return failedRequests;
    }

    /** Every record so far, ordered by record timestamp (stable). */
    public List<Emitted> records() {
        List<Emitted> sorted = new ArrayList<>(out);
        sorted.sort(Comparator.comparingLong(Emitted::timeMs));
        return sorted;
    }

    /** The kubelet's restart markers for the app container. */
    private void containerStarts(Pod pod, long atMs) {
        emitEvent(pod, "Pulled", "Normal", "Container image \"registry.example/" + pod.service.name
                + ":1.4.2\" already present on machine", atMs, "spec.containers{app}");
        emitEvent(pod, "Created", "Normal", "Created container app", atMs + 200, "spec.containers{app}");
        emitEvent(pod, "Started", "Normal", "Started container app", atMs + 400, "spec.containers{app}");
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
        count(inCode != 200 || outCode != 200 || !"-".equals(inFlags) || !"-".equals(outFlags));
        out.add(new Emitted(true, endMs + 1, inboundLine(pod, caller, start, durationMs, inCode, inFlags, inDetails,
                inTransport, requestId)));
        out.add(new Emitted(true, endMs + 2, outboundLine(pod.service, pod.ip + ":" + pod.service.port, caller, start,
                durationMs + 1, outCode, outFlags, outDetails, "-", requestId)));
    }

    private void outboundOnly(Pod pod, long endMs, long durationMs, int code, String flags, String details,
                              String transport) {
        outboundOnly(pod.service, pod.ip + ":" + pod.service.port, endMs, durationMs, code, flags, details, transport);
    }

    /** A line only the caller's sidecar writes (the request never reached the upstream's sidecar). */
    private void outboundOnly(Service service, String upstreamHost, long endMs, long durationMs, int code, String flags,
                              String details, String transport) {
        Pod caller = callerPod();
        count(code != 200 || !"-".equals(flags));
        out.add(new Emitted(true, endMs + 2, outboundLine(service, upstreamHost, caller, endMs - durationMs, durationMs,
                code, flags, details, transport, uuid())));
    }

    private void count(boolean failed) {
        requests++;
        if (failed) {
            failedRequests++;
        }
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
    private String outboundLine(Service s, String upstreamHost, Pod caller, long startMs, long durationMs, int code,
                                String flags, String details, String transport, String requestId) {
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
        line.put("upstream_host", upstreamHost);
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
        emitPod(type, pod, atMs, lastTerminated, null, memoryLimit, phase);
    }

    /** {@code terminatedNow}: the container's current state is terminated (a pod being deleted), not running. */
    private void emitPod(String type, Pod pod, long atMs, ObjectNode lastTerminated, ObjectNode terminatedNow,
                         String memoryLimit, String phase) {
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
        cs.put("ready", lastTerminated == null && terminatedNow == null);
        if (terminatedNow != null) {
            cs.putObject("state").set("terminated", terminatedNow);
        } else {
            cs.putObject("state").putObject("running").put("startedAt",
                    Instant.ofEpochMilli(atMs).truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
        }
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
        String source = "Pod".equals(kind) ? "kubelet" : "controller";
        emitEventFor(kind, namespace, name, uid, reason, type, message, atMs, fieldPath, source,
                new EventSeries(name + "." + Long.toHexString(atMs * 1_000_000L), uuid(), atMs, 1));
    }

    /** Which Event object a record is, and how often it has occurred since its first time (client-go dedup). */
    private record EventSeries(String name, String uid, long firstMs, int count) {
    }

    private void emitEventFor(String kind, String namespace, String name, String uid, String reason, String type,
                              String message, long atMs, String fieldPath, String sourceComponent, EventSeries series) {
        String ts = Instant.ofEpochMilli(atMs).truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
        String first = Instant.ofEpochMilli(series.firstMs()).truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
        ObjectNode event = Json.mapper().createObjectNode();
        ObjectNode metadata = event.putObject("metadata");
        metadata.put("name", series.name());
        metadata.put("namespace", namespace);
        metadata.put("uid", series.uid());
        metadata.put("creationTimestamp", first);
        event.put("reason", reason);
        event.put("message", message);
        event.putObject("source").put("component", sourceComponent);
        event.put("firstTimestamp", first);
        event.put("lastTimestamp", ts);
        event.put("count", series.count());
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

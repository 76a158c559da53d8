package io.resetwatch.classify;

import io.resetwatch.model.FactScope;
import io.resetwatch.model.FactType;
import io.resetwatch.model.LifecycleFact;
import java.time.Instant;
import java.util.Map;

/**
 * Test data: one lifecycle fact, shaped as the lifecycle module would normalize it. Pod facts carry the pod's uid
 * as {@link PodBuilder} derives it ({@code uid-<name>}), in namespace {@code shop}, container {@code app}, at the
 * window's start unless told otherwise.
 */
final class FactBuilder {

    private final FactType type;
    private final FactScope scope;
    private String namespace = WindowEvidenceBuilder.NAMESPACE;
    private String podName;
    private String podUid;
    private String node;
    private String ownerKind;
    private String ownerName;
    private String container;
    private Instant time = WindowEvidenceBuilder.WINDOW_START;
    private Instant firstTime;
    private Instant lastTime;
    private int count = 1;
    private String reason;
    private String message;
    private Integer exitCode;
    private Integer restartCount;
    private Long gracePeriodSeconds;
    private String memoryLimit;

    private FactBuilder(FactType type, FactScope scope) {
        this.type = type;
        this.scope = scope;
    }

    private static FactBuilder podFact(FactType type, String pod) {
        FactBuilder f = new FactBuilder(type, FactScope.POD);
        f.podName = pod;
        f.podUid = "uid-" + pod;
        f.container = "app";
        return f;
    }

    static FactBuilder oomKilled(String pod) {
        return podFact(FactType.CONTAINER_OOM_KILLED, pod).reason("OOMKilled").exit(137).restartCount(1);
    }

    static FactBuilder terminated(String pod, int exitCode, String reason) {
        return podFact(FactType.CONTAINER_TERMINATED, pod).exit(exitCode).reason(reason);
    }

    static FactBuilder deleting(String pod) {
        return podFact(FactType.POD_DELETING, pod).container(null).gracePeriod(30);
    }

    static FactBuilder stopping(String pod) {
        return podFact(FactType.CONTAINER_STOPPING, pod).reason("Killing").message("Stopping container app");
    }

    static FactBuilder deleted(String pod) {
        return podFact(FactType.POD_DELETED, pod).container(null);
    }

    static FactBuilder evicted(String pod) {
        return podFact(FactType.EVICTED, pod).container(null).reason("Evicted")
                .message("The node was low on resource: memory. Threshold quantity: 750Mi, available: 179968Ki. ");
    }

    static FactBuilder livenessKill(String pod) {
        return podFact(FactType.LIVENESS_KILL, pod).reason("Killing")
                .message("Container app failed liveness probe, will be restarted");
    }

    static FactBuilder livenessProbeFailed(String pod) {
        return podFact(FactType.LIVENESS_PROBE_FAILED, pod).reason("Unhealthy")
                .message("Liveness probe failed: Get \"http://10.44.1.20:8080/healthz\": context deadline exceeded"
                        + " (Client.Timeout exceeded while awaiting headers)");
    }

    static FactBuilder readinessProbeFailed(String pod) {
        return podFact(FactType.READINESS_PROBE_FAILED, pod).reason("Unhealthy")
                .message("Readiness probe failed: HTTP probe failed with statuscode: 503");
    }

    static FactBuilder backOff(String pod) {
        return podFact(FactType.BACK_OFF, pod).reason("BackOff")
                .message("Back-off restarting failed container app in pod " + pod + "_shop(uid-" + pod + ")");
    }

    /** ReplicaSet {@code SuccessfulDelete}: the pod is named in the text only. */
    static FactBuilder deletedByOwner(String pod) {
        FactBuilder f = new FactBuilder(FactType.POD_DELETED_BY_OWNER, FactScope.OWNER);
        f.podName = pod;
        f.ownerKind = "ReplicaSet";
        f.ownerName = pod.substring(0, pod.lastIndexOf('-'));
        f.reason = "SuccessfulDelete";
        f.message = "Deleted pod: " + pod;
        return f;
    }

    static FactBuilder scaledDown(String deployment, String replicaSet) {
        FactBuilder f = new FactBuilder(FactType.SCALED_DOWN, FactScope.OWNER);
        f.ownerKind = "Deployment";
        f.ownerName = deployment;
        f.reason = "ScalingReplicaSet";
        f.message = "Scaled down replica set " + replicaSet + " to 2 from 3";
        return f;
    }

    static FactBuilder nodeOom(String node, String message) {
        FactBuilder f = new FactBuilder(FactType.NODE_OOM, FactScope.NODE);
        f.namespace = null;
        f.node = node;
        f.reason = "SystemOOM";
        f.message = message;
        return f;
    }

    static FactBuilder nodeNotReady(String node) {
        FactBuilder f = new FactBuilder(FactType.NODE_NOT_READY, FactScope.NODE);
        f.namespace = null;
        f.node = node;
        f.reason = "NodeNotReady";
        f.message = "Node is not ready";
        return f;
    }

    /** The node-lifecycle controller's {@code NodeNotReady}, recorded on each pod of the node. */
    static FactBuilder nodeNotReadyOnPod(String pod, String node) {
        return podFact(FactType.NODE_NOT_READY, pod).container(null).node(node).reason("NodeNotReady")
                .message("Node is not ready");
    }

    /** Seconds from the window's start (negative: before it). */
    FactBuilder at(int seconds) {
        this.time = WindowEvidenceBuilder.at(seconds);
        return this;
    }

    /** An aggregated Event: {@code count} occurrences between the two offsets. */
    FactBuilder repeated(int count, int firstSeconds, int lastSeconds) {
        this.count = count;
        this.firstTime = WindowEvidenceBuilder.at(firstSeconds);
        this.lastTime = WindowEvidenceBuilder.at(lastSeconds);
        this.time = lastTime;
        return this;
    }

    FactBuilder container(String container) {
        this.container = container;
        return this;
    }

    FactBuilder sidecar() {
        return container("istio-proxy");
    }

    FactBuilder exit(Integer exitCode) {
        this.exitCode = exitCode;
        return this;
    }

    FactBuilder reason(String reason) {
        this.reason = reason;
        return this;
    }

    FactBuilder message(String message) {
        this.message = message;
        return this;
    }

    FactBuilder restartCount(Integer restartCount) {
        this.restartCount = restartCount;
        return this;
    }

    FactBuilder gracePeriod(long seconds) {
        this.gracePeriodSeconds = seconds;
        return this;
    }

    FactBuilder memoryLimit(String limit) {
        this.memoryLimit = limit;
        return this;
    }

    FactBuilder uid(String uid) {
        this.podUid = uid;
        return this;
    }

    FactBuilder node(String node) {
        this.node = node;
        return this;
    }

    LifecycleFact build() {
        return new LifecycleFact(type, scope, "prod-eu-1", namespace, podName, podUid, node, ownerKind, ownerName,
                container, time, firstTime, lastTime, count, reason, message, exitCode, null, restartCount, null,
                gracePeriodSeconds, memoryLimit, Map.of(), "pod-watch");
    }
}

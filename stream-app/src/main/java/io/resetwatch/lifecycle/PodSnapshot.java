package io.resetwatch.lifecycle;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The state of one pod as one record states it, normalized (DOMAIN §7.4). Partial objects leave fields null:
 * the public corpus has status-only pods and single container-status excerpts with no identity at all.
 *
 * @param watchType   ADDED, MODIFIED or DELETED for watch events; null for a plain pod object
 * @param hostNetwork the pod shares its node's IP, so its IP identifies no pod (no IP facts)
 * @param startTime   {@code status.startTime}
 * @param labels      the workload-identifying labels only
 * @param ownerKind   the controlling owner reference's kind (ReplicaSet, StatefulSet, ...)
 * @param conditions  only {@code Ready}, {@code DisruptionTarget} and {@code PodReadyToStartContainers}
 * @param k8sCluster  the cluster, when the record names it (pod objects usually do not)
 */
public record PodSnapshot(
        String uid,
        String namespace,
        String name,
        String node,
        String podIp,
        boolean hostNetwork,
        String phase,
        String statusReason,
        String statusMessage,
        String watchType,
        Instant startTime,
        Instant deletionTimestamp,
        Long deletionGracePeriodSeconds,
        Long terminationGracePeriodSeconds,
        Map<String, String> labels,
        String ownerKind,
        String ownerName,
        List<ContainerSnapshot> containers,
        List<PodCondition> conditions,
        String k8sCluster) {

    public PodSnapshot {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        containers = containers == null ? List.of() : List.copyOf(containers);
        conditions = conditions == null ? List.of() : List.copyOf(conditions);
    }

    public boolean deleted() {
        return "DELETED".equals(watchType);
    }

    /** Succeeded or Failed: the sandbox is gone, so the IP is free again. */
    public boolean terminalPhase() {
        return "Succeeded".equals(phase) || "Failed".equals(phase);
    }

    public PodCondition condition(String type) {
        return conditions.stream().filter(c -> type.equals(c.type())).findFirst().orElse(null);
    }

    public ContainerSnapshot container(String containerName) {
        return containers.stream().filter(c -> c.name().equals(containerName)).findFirst().orElse(null);
    }
}

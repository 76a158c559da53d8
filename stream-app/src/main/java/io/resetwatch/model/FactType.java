package io.resetwatch.model;

/** What a lifecycle fact says happened (DOMAIN §7–§8). */
public enum FactType {
    /** The pod got an IP (pod feed, or learned from an inbound line's envelope). */
    IP_ASSIGNED,
    /** The pod gave its IP up (deleted, or its phase ended). */
    IP_RELEASED,
    /** Deletion requested: {@code deletionTimestamp} appeared (time = deadline − grace). */
    POD_DELETING,
    /** The pod object is gone (watch {@code DELETED}). */
    POD_DELETED,
    /** A container ended: reason, exit code, finished time, restart count. Exit 137 alone is not an OOM. */
    CONTAINER_TERMINATED,
    /** A container ended with {@code reason: OOMKilled}, whatever the exit code. */
    CONTAINER_OOM_KILLED,
    /** Kubelet {@code Killing} "Stopping container X": the pod is being deleted. */
    CONTAINER_STOPPING,
    /** Kubelet {@code Killing} "... failed liveness probe, will be restarted". */
    LIVENESS_KILL,
    /** Kubelet {@code Killing} "... failed startup probe, will be restarted". */
    STARTUP_KILL,
    /** Kubelet {@code Killing} for another restart reason (definition changed, unknown state). */
    CONTAINER_RESTART_ORDERED,
    LIVENESS_PROBE_FAILED,
    READINESS_PROBE_FAILED,
    STARTUP_PROBE_FAILED,
    /** {@code BackOff} event or {@code CrashLoopBackOff} waiting state. */
    BACK_OFF,
    EVICTED,
    PREEMPTED,
    TAINT_EVICTION,
    /** Condition {@code DisruptionTarget} with its reason. */
    DISRUPTION_TARGET,
    PRESTOP_HOOK_FAILED,
    GRACE_PERIOD_EXCEEDED,
    NODE_NOT_READY,
    /** Node-level OOM: kubelet {@code SystemOOM} or node-problem-detector {@code OOMKilling}, with the process. */
    NODE_OOM,
    /** Deployment {@code ScalingReplicaSet} "Scaled down ...". */
    SCALED_DOWN,
    /** Deployment {@code ScalingReplicaSet} "Scaled up ...". */
    SCALED_UP,
    /** ReplicaSet {@code SuccessfulDelete} "Deleted pod: X" (the pod is named in text). */
    POD_DELETED_BY_OWNER,
    POD_CREATED_BY_OWNER,
    /** Kubelet restart markers {@code Pulled}, {@code Created}, {@code Started}: a container is being (re)started. */
    CONTAINER_STARTED,
    /** A recognized event that carries no reset evidence (Scheduled, Pulling, SandboxChanged, ...). */
    OTHER
}

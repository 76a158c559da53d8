package io.resetwatch.topology;

import io.resetwatch.model.LifecycleFact;
import java.util.List;

/**
 * One entry of the lifecycle index (a global store, so every upstream task can look up any pod, node or
 * owner). Keys: {@code pod:<ns>/<name>}, {@code pod:uid:<uid>}, {@code node:<name>}, {@code owner:<ns>/<name>}
 * → facts; {@code ip:<ip>} → leases; {@code svc:<ns>/<service>} → pods.
 */
public record LifecycleIndex(List<LifecycleFact> facts, List<IpLease> leases, List<ServicePod> pods) {

    public static final LifecycleIndex EMPTY = new LifecycleIndex(List.of(), List.of(), List.of());

    public LifecycleIndex {
        facts = facts == null ? List.of() : List.copyOf(facts);
        leases = leases == null ? List.of() : List.copyOf(leases);
        pods = pods == null ? List.of() : List.copyOf(pods);
    }

    /**
     * An IP held by one pod from {@code fromMs} until {@code toMs} (Long.MAX_VALUE while held). A lease learned
     * from access-log envelopes only knows the pod already had the IP at {@code fromMs}.
     */
    public record IpLease(String namespace, String name, String uid, String node, long fromMs, long toMs,
                          boolean learned) {
    }

    /** A pod known to back a service (from its labels); {@code deletedMs} once it is gone. */
    public record ServicePod(String namespace, String name, String uid, String node, long lastSeenMs,
                             long deletedMs) {
    }
}

package io.resetwatch.alert;

import io.resetwatch.classify.PodEvidence;
import io.resetwatch.model.LifecycleFact;
import java.util.List;

/** What the alert engine may ask of the lifecycle index; the topology backs it with a global state store. */
public interface FactLookup {

    /** Who owned {@code ip} at {@code timeMs}: versioned by time, since pod IPs are reused. */
    IpOwner ipOwner(String ip, long timeMs);

    /** Facts about one pod (by namespace/name, or uid when the name is unknown) within [fromMs, toMs]. */
    List<LifecycleFact> podFacts(String namespace, String podName, String podUid, long fromMs, long toMs);

    List<LifecycleFact> nodeFacts(String node, long fromMs, long toMs);

    /** Facts about the pod's owners (its ReplicaSet and Deployment, derived from the pod name) within the range. */
    List<LifecycleFact> ownerFacts(String namespace, String podName, long fromMs, long toMs);

    /** Pods known to belong to the service (from pod labels), including ones deleted within the range. */
    List<ServicePod> servicePods(String namespace, String service, long fromMs, long toMs);

    record IpOwner(String namespace, String name, String uid, String node, PodEvidence.IpState state) {
        public static final IpOwner UNKNOWN = new IpOwner(null, null, null, null, PodEvidence.IpState.UNKNOWN);
    }

    record ServicePod(String namespace, String name, String uid, String node) {
    }

    FactLookup NONE = new FactLookup() {
        @Override
        public IpOwner ipOwner(String ip, long timeMs) {
            return IpOwner.UNKNOWN;
        }

        @Override
        public List<LifecycleFact> podFacts(String namespace, String podName, String podUid, long fromMs, long toMs) {
            return List.of();
        }

        @Override
        public List<LifecycleFact> nodeFacts(String node, long fromMs, long toMs) {
            return List.of();
        }

        @Override
        public List<LifecycleFact> ownerFacts(String namespace, String podName, long fromMs, long toMs) {
            return List.of();
        }

        @Override
        public List<ServicePod> servicePods(String namespace, String service, long fromMs, long toMs) {
            return List.of();
        }
    };
}

package io.resetwatch.topology;

import io.resetwatch.alert.FactLookup;
import io.resetwatch.classify.PodEvidence;
import io.resetwatch.model.LifecycleFact;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/** {@link FactLookup} over the lifecycle index store. */
final class IndexFactLookup implements FactLookup {

    private final ReadOnlyKeyValueStore<String, LifecycleIndex> index;
    private final long skewMs;

    IndexFactLookup(ReadOnlyKeyValueStore<String, LifecycleIndex> index, long skewMs) {
        this.index = index;
        this.skewMs = skewMs;
    }

    @Override
    public IpOwner ipOwner(String ip, long timeMs) {
        LifecycleIndex entry = index.get("ip:" + ip);
        if (entry == null || entry.leases().isEmpty()) {
            return IpOwner.UNKNOWN;
        }
        LifecycleIndex.IpLease live = null;
        LifecycleIndex.IpLease ended = null;
        for (LifecycleIndex.IpLease lease : entry.leases()) {
            boolean started = lease.learned() || lease.fromMs() - skewMs <= timeMs;
            if (started && timeMs < lease.toMs()) {
                live = lease;
            } else if (lease.toMs() <= timeMs) {
                ended = lease;
            }
        }
        if (live != null) {
            return new IpOwner(live.namespace(), live.name(), live.uid(), live.node(), PodEvidence.IpState.LIVE);
        }
        if (ended != null) {
            return new IpOwner(ended.namespace(), ended.name(), ended.uid(), ended.node(), PodEvidence.IpState.GONE);
        }
        return IpOwner.UNKNOWN;
    }

    @Override
    public List<LifecycleFact> podFacts(String namespace, String podName, String podUid, long fromMs, long toMs) {
        List<LifecycleFact> out = new ArrayList<>();
        if (podName != null) {
            collect("pod:" + namespace + "/" + podName, fromMs, toMs, out);
        }
        if (podUid != null) {
            collect("pod:uid:" + podUid, fromMs, toMs, out);
        }
        return out;
    }

    @Override
    public List<LifecycleFact> nodeFacts(String node, long fromMs, long toMs) {
        List<LifecycleFact> out = new ArrayList<>();
        collect("node:" + node, fromMs, toMs, out);
        return out;
    }

    /** {@code <deployment>-<replicaset hash>-<suffix>}: the owners are found from the pod name. */
    @Override
    public List<LifecycleFact> ownerFacts(String namespace, String podName, long fromMs, long toMs) {
        List<LifecycleFact> out = new ArrayList<>();
        int lastDash = podName.lastIndexOf('-');
        if (lastDash > 0) {
            String replicaSet = podName.substring(0, lastDash);
            collect("owner:" + namespace + "/" + replicaSet, fromMs, toMs, out);
            int previousDash = replicaSet.lastIndexOf('-');
            if (previousDash > 0) {
                collect("owner:" + namespace + "/" + replicaSet.substring(0, previousDash), fromMs, toMs, out);
            }
        }
        return out;
    }

    @Override
    public List<ServicePod> servicePods(String namespace, String service, long fromMs, long toMs) {
        LifecycleIndex entry = index.get("svc:" + namespace + "/" + service);
        if (entry == null) {
            return List.of();
        }
        List<ServicePod> out = new ArrayList<>();
        for (LifecycleIndex.ServicePod pod : entry.pods()) {
            if (pod.deletedMs() >= fromMs) {
                out.add(new ServicePod(pod.namespace(), pod.name(), pod.uid(), pod.node()));
            }
        }
        return out;
    }

    private void collect(String key, long fromMs, long toMs, List<LifecycleFact> out) {
        LifecycleIndex entry = index.get(key);
        if (entry == null) {
            return;
        }
        for (LifecycleFact fact : entry.facts()) {
            if (fact.lastTime().toEpochMilli() >= fromMs && fact.firstTime().toEpochMilli() <= toMs
                    && !out.contains(fact)) {
                out.add(fact);
            }
        }
    }
}

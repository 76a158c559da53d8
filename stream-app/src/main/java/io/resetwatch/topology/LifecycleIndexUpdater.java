package io.resetwatch.topology;

import io.resetwatch.model.FactType;
import io.resetwatch.model.LifecycleFact;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Maintains the lifecycle index from the lifecycle-facts topic. Each entry is bounded: facts older than the
 * retention (relative to the newest fact of that entry) and beyond a count cap are dropped, so the index grows
 * with pods and nodes, not with traffic.
 */
final class LifecycleIndexUpdater implements Processor<String, LifecycleFact, Void, Void> {

    private static final int MAX_FACTS_PER_ENTRY = 100;
    private static final int MAX_LEASES_PER_IP = 8;
    private static final int MAX_PODS_PER_SERVICE = 2_000;

    private final String storeName;
    private final long retentionMs;
    private KeyValueStore<String, LifecycleIndex> index;

    LifecycleIndexUpdater(String storeName, long retentionMs) {
        this.storeName = storeName;
        this.retentionMs = retentionMs;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        index = context.getStateStore(storeName);
    }

    @Override
    public void process(Record<String, LifecycleFact> record) {
        LifecycleFact fact = record.value();
        if (fact == null || fact.time() == null) {
            return;
        }
        switch (fact.scope()) {
            case POD -> {
                if (!"envelope".equals(fact.source())) {
                    addFact(podKey(fact.namespace(), fact.podName(), fact.podUid()), fact);
                }
                if (fact.podIp() != null) {
                    updateLease(fact);
                }
                String service = serviceOf(fact.labels());
                if (service != null && fact.podName() != null) {
                    updateServicePod(fact, service);
                }
            }
            case NODE -> addFact("node:" + fact.node(), fact);
            case OWNER -> {
                addFact("owner:" + fact.namespace() + "/" + fact.ownerName(), fact);
                if (fact.podName() != null) {
                    addFact(podKey(fact.namespace(), fact.podName(), null), fact);
                }
            }
        }
    }

    static String podKey(String namespace, String name, String uid) {
        return name != null ? "pod:" + namespace + "/" + name : "pod:uid:" + uid;
    }

    static String serviceOf(Map<String, String> labels) {
        String name = labels.get("service.istio.io/canonical-name");
        if (name == null) {
            name = labels.get("app");
        }
        return name != null ? name : labels.get("app.kubernetes.io/name");
    }

    private void addFact(String key, LifecycleFact fact) {
        LifecycleIndex entry = get(key);
        if (entry.facts().contains(fact)) {
            return;
        }
        long newest = fact.time().toEpochMilli();
        for (LifecycleFact f : entry.facts()) {
            newest = Math.max(newest, f.time().toEpochMilli());
        }
        List<LifecycleFact> facts = new ArrayList<>();
        for (LifecycleFact f : entry.facts()) {
            if (f.lastTime().toEpochMilli() >= newest - retentionMs) {
                facts.add(f);
            }
        }
        facts.add(fact);
        facts.sort(java.util.Comparator.comparing(LifecycleFact::time));
        while (facts.size() > MAX_FACTS_PER_ENTRY) {
            facts.remove(0);
        }
        index.put(key, new LifecycleIndex(facts, entry.leases(), entry.pods()));
    }

    private void updateLease(LifecycleFact fact) {
        String key = "ip:" + fact.podIp();
        LifecycleIndex entry = get(key);
        long time = fact.time().toEpochMilli();
        boolean releases = fact.type() == FactType.IP_RELEASED || fact.type() == FactType.POD_DELETED;
        boolean learned = "envelope".equals(fact.source());
        List<LifecycleIndex.IpLease> leases = new ArrayList<>();
        boolean heldBySamePod = false;
        for (LifecycleIndex.IpLease lease : entry.leases()) {
            boolean samePod = samePod(lease, fact);
            if (lease.toMs() == Long.MAX_VALUE && samePod) {
                if (releases) {
                    leases.add(new LifecycleIndex.IpLease(lease.namespace(), lease.name(), lease.uid(), lease.node(),
                            lease.fromMs(), time, lease.learned()));
                    continue;
                }
                heldBySamePod = true;
                // The pod feed knows the real assignment time; an envelope only knows "already had it by then".
                if (lease.learned() && !learned && time < lease.fromMs()) {
                    lease = new LifecycleIndex.IpLease(lease.namespace(), lease.name(), fact.podUid(),
                            fact.node() != null ? fact.node() : lease.node(), time, Long.MAX_VALUE, false);
                }
            } else if (lease.toMs() == Long.MAX_VALUE && !releases && time >= lease.fromMs()) {
                // A new pod holds the IP now: the previous holder is gone (IPs are reused).
                lease = new LifecycleIndex.IpLease(lease.namespace(), lease.name(), lease.uid(), lease.node(),
                        lease.fromMs(), time, lease.learned());
            }
            leases.add(lease);
        }
        if (!releases && !heldBySamePod) {
            leases.add(new LifecycleIndex.IpLease(fact.namespace(), fact.podName(), fact.podUid(), fact.node(), time,
                    Long.MAX_VALUE, learned));
        }
        leases.sort(java.util.Comparator.comparingLong(LifecycleIndex.IpLease::fromMs));
        while (leases.size() > MAX_LEASES_PER_IP) {
            leases.remove(0);
        }
        index.put(key, new LifecycleIndex(entry.facts(), leases, entry.pods()));
    }

    private static boolean samePod(LifecycleIndex.IpLease lease, LifecycleFact fact) {
        if (lease.uid() != null && fact.podUid() != null) {
            return lease.uid().equals(fact.podUid());
        }
        return java.util.Objects.equals(lease.namespace(), fact.namespace())
                && java.util.Objects.equals(lease.name(), fact.podName());
    }

    private void updateServicePod(LifecycleFact fact, String service) {
        String key = "svc:" + fact.namespace() + "/" + service;
        LifecycleIndex entry = get(key);
        long time = fact.time().toEpochMilli();
        boolean deleted = fact.type() == FactType.POD_DELETED;
        List<LifecycleIndex.ServicePod> pods = new ArrayList<>();
        boolean found = false;
        for (LifecycleIndex.ServicePod pod : entry.pods()) {
            if (pod.deletedMs() != Long.MAX_VALUE && pod.deletedMs() < time - retentionMs) {
                continue;
            }
            if (pod.name().equals(fact.podName())) {
                found = true;
                pod = new LifecycleIndex.ServicePod(pod.namespace(), pod.name(),
                        fact.podUid() != null ? fact.podUid() : pod.uid(),
                        fact.node() != null ? fact.node() : pod.node(), Math.max(time, pod.lastSeenMs()),
                        deleted ? time : pod.deletedMs());
            }
            pods.add(pod);
        }
        if (!found && pods.size() < MAX_PODS_PER_SERVICE) {
            pods.add(new LifecycleIndex.ServicePod(fact.namespace(), fact.podName(), fact.podUid(), fact.node(), time,
                    deleted ? time : Long.MAX_VALUE));
        }
        if (found || pods.size() != entry.pods().size()) {
            index.put(key, new LifecycleIndex(entry.facts(), entry.leases(), pods));
        }
    }

    private LifecycleIndex get(String key) {
        LifecycleIndex entry = index.get(key);
        return entry == null ? LifecycleIndex.EMPTY : entry;
    }
}

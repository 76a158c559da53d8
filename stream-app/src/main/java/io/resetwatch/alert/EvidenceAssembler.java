package io.resetwatch.alert;

import io.resetwatch.classify.PodEvidence;
import io.resetwatch.classify.WindowEvidence;
import io.resetwatch.config.Settings;
import io.resetwatch.model.LifecycleFact;
import io.resetwatch.window.PodCounts;
import io.resetwatch.window.WindowAggregate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Joins a window with the lifecycle index: resolves outbound IPs to pods by event time, and gathers the facts
 * of the pods it touched, the service's other pods, their nodes and owners, from window start − look-back to
 * window end + look-ahead (both widened by the clock skew). Done when the window is evaluated, so the answer
 * does not depend on whether logs or facts arrived first.
 */
final class EvidenceAssembler {

    private static final int MAX_OTHER_PODS = 50;

    private final Settings settings;

    EvidenceAssembler(Settings settings) {
        this.settings = settings;
    }

    /** Pod name → namespace, for the pods resolved in the last {@link #resolvePods} call. */
    private final Map<String, String> namespaceOf = new java.util.HashMap<>();

    /**
     * Outbound lines name a pod by IP, inbound lines by name: resolve the IPs through the index (by event time)
     * and merge both views of one pod, so a pod is counted once with both sides' requests.
     */
    private List<PodEvidence> resolvePods(WindowAggregate window, FactLookup lookup) {
        namespaceOf.clear();
        Map<String, PodEvidence> byPod = new LinkedHashMap<>();
        for (PodCounts counts : window.pods().values()) {
            String namespace = counts.podNamespace();
            String name = counts.podName();
            String uid = counts.podUid();
            String node = counts.node();
            PodEvidence.IpState ipState = PodEvidence.IpState.LIVE;
            if (name == null && counts.ip() != null) {
                FactLookup.IpOwner owner = lookup.ipOwner(counts.ip(), counts.lastSeenMs());
                namespace = owner.namespace();
                name = owner.name();
                uid = owner.uid();
                node = owner.node();
                ipState = owner.state();
            }
            String key = name != null ? "pod:" + namespace + "/" + name : "ip:" + counts.ip();
            if (name != null) {
                namespaceOf.put(name, namespace);
            }
            PodEvidence pod = new PodEvidence(name, uid, node, counts.ip(), counts.requests(), counts.resets(),
                    counts.flags(), ipState);
            byPod.merge(key, pod, EvidenceAssembler::merge);
        }
        List<PodEvidence> pods = new ArrayList<>(byPod.values());
        pods.sort(Comparator.comparingLong(PodEvidence::resets).reversed()
                .thenComparing(p -> p.name() == null ? "" : p.name())
                .thenComparing(p -> p.ip() == null ? "" : p.ip()));
        return pods;
    }

    /** Both sides of one pod: requests are the larger side's (neither double counts), resets and flags add up. */
    private static PodEvidence merge(PodEvidence a, PodEvidence b) {
        Map<String, Long> flags = new java.util.TreeMap<>(a.flags());
        b.flags().forEach((flag, n) -> flags.merge(flag, n, Long::sum));
        PodEvidence.IpState state = a.ipState() == PodEvidence.IpState.GONE || b.ipState() == PodEvidence.IpState.GONE
                ? PodEvidence.IpState.GONE : a.ipState();
        return new PodEvidence(a.name(), a.uid() != null ? a.uid() : b.uid(), a.node() != null ? a.node() : b.node(),
                a.ip() != null ? a.ip() : b.ip(), Math.max(a.requests(), b.requests()), a.resets() + b.resets(),
                flags, state);
    }

    record Assembled(WindowEvidence evidence, Map<String, List<LifecycleFact>> podFacts) {
    }

    Assembled assemble(UpstreamState state, WindowAggregate window, FactLookup lookup) {
        long skew = settings.clockSkew().toMillis();
        long from = window.startMs() - settings.lookBack().toMillis() - skew;
        long to = window.endMs() + settings.lookAhead().toMillis() + skew;

        List<PodEvidence> pods = new ArrayList<>();
        Map<String, List<LifecycleFact>> podFacts = new LinkedHashMap<>();
        Set<LifecycleFact> facts = new LinkedHashSet<>();
        Set<String> nodes = new LinkedHashSet<>();
        Set<String> seenPods = new LinkedHashSet<>();

        for (PodEvidence pod : resolvePods(window, lookup)) {
            pods.add(pod);
            if (pod.node() != null) {
                nodes.add(pod.node());
            }
            String namespace = pod.name() == null ? null : namespaceOf.get(pod.name());
            if (pod.name() != null && seenPods.add(namespace + "/" + pod.name())) {
                List<LifecycleFact> own = new ArrayList<>(lookup.podFacts(namespace, pod.name(), pod.uid(), from, to));
                own.addAll(lookup.ownerFacts(namespace, pod.name(), from, to));
                podFacts.put(pod.name(), own);
                facts.addAll(own);
            }
        }
        List<FactLookup.ServicePod> servicePods = lookup.servicePods(state.namespace, state.service, from, to);
        int others = 0;
        for (FactLookup.ServicePod pod : servicePods) {
            if (others >= MAX_OTHER_PODS || !seenPods.add(pod.namespace() + "/" + pod.name())) {
                continue;
            }
            others++;
            facts.addAll(lookup.podFacts(pod.namespace(), pod.name(), pod.uid(), from, to));
            if (pod.node() != null && pods.stream().anyMatch(p -> pod.node().equals(p.node()))) {
                nodes.add(pod.node());
            }
        }
        for (String node : nodes) {
            facts.addAll(lookup.nodeFacts(node, from, to));
        }
        List<LifecycleFact> ordered = new ArrayList<>(facts);
        ordered.sort(Comparator.comparing(LifecycleFact::time, Comparator.nullsLast(Comparator.naturalOrder())));

        WindowEvidence evidence = new WindowEvidence(
                state.namespace, state.service, state.upstreamCluster,
                java.time.Instant.ofEpochMilli(window.startMs()), java.time.Instant.ofEpochMilli(window.endMs()),
                window.requestsOutbound(), window.requestsInbound(), window.flags(),
                window.resetsOutbound(), window.resetsInbound(), window.uniqueFailedRequests(),
                window.resetDurations().stats(), window.resetReasons(), window.transportFailures(),
                window.responseCodes(), pods, servicePods.size(), ordered);
        return new Assembled(evidence, podFacts);
    }
}

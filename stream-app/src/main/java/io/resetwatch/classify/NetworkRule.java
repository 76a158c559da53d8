package io.resetwatch.classify;

import io.resetwatch.model.FactType;
import io.resetwatch.model.LifecycleFact;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * NETWORK (DOMAIN §10): errors that follow a node rather than a pod or the service.
 *
 * <p>Independent signals, combined as 1 − Π(1 − s):
 * <ul>
 *   <li>NodeNotReady for the node of affected pods: 0.85 × proximity × (0.4 + 0.6 × share of resets on that node);</li>
 *   <li>resets concentrated on ≥ 2 pods of one node (≥ 70 % of the resets) while the service has pods elsewhere:
 *       0.55 × that share;</li>
 *   <li>connects to live pod IPs that failed: (0.7 × EHOSTUNREACH (errno 113) lines + 0.45 × connect-timeout lines)
 *       / reset lines × share of resets on live IPs — one signal, since both are the same symptom (to a gone pod's
 *       IP a timeout is a stale endpoint instead);</li>
 *   <li>TLS "Connection reset by peer": 0.4 × its share.</li>
 * </ul>
 * The result is scaled by (1 − 0.6 × share of resets on pods with container or pod lifecycle facts), because a
 * disruption of the pods themselves explains the same symptoms better.
 */
final class NetworkRule implements CauseRule {

    @Override
    public Optional<Candidate> evaluate(WindowContext ctx) {
        List<Evidence> evidence = new ArrayList<>();

        double notReady = nodeNotReady(ctx, evidence);
        double concentration = concentration(ctx, evidence);

        double liveShare = liveShare(ctx);
        long unreachable = ctx.reasons(s -> s.contains("_113") || s.contains("No_route_to_host"));
        long timeouts = ctx.reasons(s -> s.contains("connection_timeout"));
        long tlsResets = ctx.reasons(WindowContext.containsIgnoreCase("connection_reset_by_peer", "connection reset by peer"));
        // EHOSTUNREACH and timeouts are one symptom (connects to live pods fail) split by how the packets were lost:
        // weigh each line by its kind rather than combining two shares of the same lines as independent signals,
        // which would rate a mix of both below either alone.
        double connectSignal = WindowContext.clamp(0.7 * ctx.lineShare(unreachable) + 0.45 * ctx.lineShare(timeouts))
                * liveShare;
        double tlsResetSignal = 0.4 * ctx.lineShare(tlsResets);
        if (unreachable > 0 && liveShare > 0) {
            evidence.add(WindowContext.aggregate("transport_failure", unreachable
                    + " connect failures with EHOSTUNREACH (errno 113) to live pod IPs: routing or firewall trouble"));
        }
        if (timeouts > 0 && liveShare > 0) {
            evidence.add(WindowContext.aggregate("reset_reason", timeouts + " connect timeouts (" + Text.percent(ctx.lineShare(timeouts))
                    + " of reset lines); " + Text.percent(liveShare) + " of the resets went to IPs not known to be stale"));
        }
        if (tlsResetSignal > 0) {
            evidence.add(WindowContext.aggregate("transport_failure", tlsResets
                    + " TLS handshakes cut by \"Connection reset by peer\""));
        }

        double combined = Confidence.noisyOr(notReady, concentration, connectSignal, tlsResetSignal);
        if (combined <= 0) {
            return Optional.empty();
        }
        double podDisruption = podLifecycleCoverage(ctx);
        if (podDisruption > 0) {
            evidence.add(WindowContext.aggregate("contradiction", Text.percent(podDisruption)
                    + " of the resets are on pods with their own lifecycle facts (restarts, deletions), which explain them better"));
        }
        double confidence = Confidence.round(combined * (1 - 0.6 * podDisruption));
        String remediation = "Investigate the node" + nodesPhrase(ctx) + ": kubelet and node conditions, the CNI, and"
                + " any host firewall (EHOSTUNREACH points at routing or firewalld); configure outlier detection"
                + " (DestinationRule trafficPolicy.outlierDetection) so bad hosts are ejected, and let callers retry"
                + " connect failures (retries.retryOn connect-failure).";
        return Optional.of(new Candidate(Cause.NETWORK, confidence, evidence, remediation));
    }

    private double nodeNotReady(WindowContext ctx, List<Evidence> evidence) {
        double best = 0;
        Set<String> reported = new LinkedHashSet<>();
        for (PodEvidence pod : ctx.affected()) {
            List<LifecycleFact> facts = new ArrayList<>(ctx.nodeFacts(pod.node()));
            facts.addAll(ctx.factsOf(pod));
            for (LifecycleFact f : facts) {
                if (f.type() != FactType.NODE_NOT_READY) {
                    continue;
                }
                String node = f.node() != null ? f.node() : pod.node();
                List<PodEvidence> onNode = node == null ? List.of(pod)
                        : ctx.affected().stream().filter(p -> node.equals(p.node())).toList();
                double share = ctx.resetShare(onNode);
                best = Math.max(best, 0.85 * ctx.proximity(f) * (0.4 + 0.6 * share));
                if (reported.add(String.valueOf(node))) {
                    evidence.add(ctx.evidence(f, pod, "node " + (node != null ? node : "of pod " + WindowContext.podLabel(pod))
                            + " was not ready; its pods carry " + Text.percent(share) + " of the resets;"));
                }
            }
        }
        return best;
    }

    private double concentration(WindowContext ctx, List<Evidence> evidence) {
        TreeMap<String, Long> resetsByNode = new TreeMap<>();
        TreeMap<String, Integer> affectedByNode = new TreeMap<>();
        for (PodEvidence p : ctx.affected()) {
            if (p.node() != null) {
                resetsByNode.merge(p.node(), p.resets(), Long::sum);
                affectedByNode.merge(p.node(), 1, Integer::sum);
            }
        }
        String top = null;
        for (var e : resetsByNode.entrySet()) {
            if (top == null || e.getValue() > resetsByNode.get(top)) {
                top = e.getKey();
            }
        }
        if (top == null || affectedByNode.get(top) < 2 || ctx.podResets() <= 0) {
            return 0;
        }
        String node = top;
        long elsewhere = ctx.pods().stream().filter(p -> p.node() != null && !node.equals(p.node())).count();
        double share = (double) resetsByNode.get(node) / ctx.podResets();
        if (elsewhere == 0 || share < 0.7) {
            return 0;
        }
        evidence.add(new Evidence("node", affectedByNode.get(node) + " pods on node " + node + " carry "
                + Text.percent(share) + " of the resets, while " + elsewhere + " pods of the service on other nodes"
                + " carry " + Text.percent(1 - share), null, null, node));
        return 0.55 * share;
    }

    /** Share of the resets on pods whose IP was live (not a stale endpoint); 1 when no pod is known to be gone. */
    private static double liveShare(WindowContext ctx) {
        if (ctx.podResets() <= 0) {
            return 1.0;
        }
        return ctx.resetShare(ctx.affected().stream().filter(p -> p.ipState() != PodEvidence.IpState.GONE).toList());
    }

    /** Like {@link WindowContext#lifecycleCoverage()} without the node facts this rule itself relies on. */
    private static double podLifecycleCoverage(WindowContext ctx) {
        if (ctx.podResets() <= 0) {
            return 0;
        }
        double covered = 0;
        for (PodEvidence pod : ctx.affected()) {
            double best = pod.ipState() == PodEvidence.IpState.GONE ? 1.0 : 0.0;
            for (LifecycleFact f : ctx.factsOf(pod)) {
                if (WindowContext.DISRUPTIVE.contains(f.type()) && f.type() != FactType.NODE_NOT_READY
                        && f.type() != FactType.TAINT_EVICTION && !WindowContext.isMeshInit(f)) {
                    best = Math.max(best, ctx.proximity(f));
                }
            }
            covered += best * pod.resets();
        }
        return WindowContext.clamp(covered / ctx.podResets());
    }

    private static String nodesPhrase(WindowContext ctx) {
        Set<String> nodes = new LinkedHashSet<>();
        for (PodEvidence p : ctx.affected()) {
            if (p.node() != null && nodes.size() < 3) {
                nodes.add(p.node());
            }
        }
        return nodes.isEmpty() ? "s of the affected pods" : (nodes.size() > 1 ? "s " : " ") + String.join(", ", nodes);
    }
}

package io.resetwatch.classify;

import io.resetwatch.model.FactScope;
import io.resetwatch.model.FactType;
import io.resetwatch.model.LifecycleFact;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * One window's evidence with the look-ups every rule needs: which facts concern which pod or node, how close a
 * fact is to the window, what share of the resets a set of pods carries. Null-tolerant, so rules need not be.
 */
final class WindowContext {

    static final String SIDECAR = "istio-proxy";

    /** A fact this far outside the window (beyond the clock skew) counts half. */
    private static final double PROXIMITY_HALF_DISTANCE_SECONDS = 60.0;

    /** Pod-level facts that mean the container or pod was disrupted: their presence rules out "no lifecycle evidence". */
    static final Set<FactType> DISRUPTIVE = EnumSet.of(
            FactType.CONTAINER_TERMINATED, FactType.CONTAINER_OOM_KILLED, FactType.CONTAINER_STOPPING,
            FactType.LIVENESS_KILL, FactType.STARTUP_KILL, FactType.CONTAINER_RESTART_ORDERED, FactType.BACK_OFF,
            FactType.POD_DELETING, FactType.POD_DELETED, FactType.POD_DELETED_BY_OWNER, FactType.EVICTED,
            FactType.PREEMPTED, FactType.TAINT_EVICTION, FactType.DISRUPTION_TARGET, FactType.GRACE_PERIOD_EXCEEDED,
            FactType.NODE_NOT_READY, FactType.NODE_OOM);

    /** Facts that say the pod is going away (deleted, evicted, preempted), as opposed to restarting in place. */
    static final Set<FactType> DELETION = EnumSet.of(
            FactType.POD_DELETING, FactType.CONTAINER_STOPPING, FactType.POD_DELETED, FactType.POD_DELETED_BY_OWNER,
            FactType.EVICTED, FactType.PREEMPTED, FactType.TAINT_EVICTION, FactType.DISRUPTION_TARGET,
            FactType.GRACE_PERIOD_EXCEEDED);

    private final WindowEvidence window;
    private final Duration skew;
    private final List<PodEvidence> affected;
    private final long podResets;
    private final List<LifecycleFact> usableFacts;

    WindowContext(WindowEvidence window, Duration skew) {
        this.window = window;
        this.skew = skew;
        this.affected = window.pods().stream()
                .filter(p -> p.resets() > 0)
                .sorted(Comparator.comparingLong(PodEvidence::resets).reversed()
                        .thenComparing(WindowContext::podLabel))
                .toList();
        this.podResets = affected.stream().mapToLong(PodEvidence::resets).sum();
        // A fact without type or time cannot be placed; sort so that every rule reads them in one stable order.
        this.usableFacts = window.facts().stream()
                .filter(f -> f.type() != null && f.time() != null && f.scope() != null)
                .sorted(Comparator.comparing(LifecycleFact::time)
                        .thenComparing(f -> f.type().ordinal())
                        .thenComparing(f -> String.valueOf(f.podName()))
                        .thenComparing(f -> String.valueOf(f.container())))
                .toList();
    }

    WindowEvidence window() {
        return window;
    }

    Duration skew() {
        return skew;
    }

    /** Pods with at least one reset, most resets first. */
    List<PodEvidence> affected() {
        return affected;
    }

    /** Every pod with traffic in the window. */
    List<PodEvidence> pods() {
        return window.pods();
    }

    /** Resets attributed to pods (the denominator of every "share of resets on pods with X"). */
    long podResets() {
        return podResets;
    }

    /** Failed requests in the window: unique ones when known, else the larger side. */
    long resets() {
        long sides = Math.max(window.resetsOutbound(), window.resetsInbound());
        long unique = window.uniqueFailedRequests() > 0 ? window.uniqueFailedRequests() : sides;
        return Math.max(unique, 0);
    }

    /** Reset-family lines of both sides: the denominator for shares of flags and reasons (counted per line). */
    long resetLines() {
        long lines = Math.max(0, window.resetsOutbound()) + Math.max(0, window.resetsInbound());
        return Math.max(lines, Math.max(resets(), podResets));
    }

    double resetRatio() {
        long requests = window.requests();
        return requests <= 0 ? 0.0 : clamp((double) resets() / requests);
    }

    /** Share of reset lines carrying what {@code count} counted, in [0,1]. */
    double lineShare(long count) {
        long base = resetLines();
        return base <= 0 ? (count > 0 ? 1.0 : 0.0) : clamp((double) count / base);
    }

    /** Share of the pods' resets that the given pods carry. */
    double resetShare(List<PodEvidence> pods) {
        if (podResets <= 0) {
            return 0.0;
        }
        return clamp((double) pods.stream().mapToLong(p -> Math.max(0, p.resets())).sum() / podResets);
    }

    long flag(String flag) {
        return Math.max(0, window.flag(flag));
    }

    /** Sum of reset-reason counts whose reason matches. */
    long resetReasons(Predicate<String> test) {
        return sum(window.resetReasons(), test);
    }

    /** Sum of transport-failure counts whose reason matches. */
    long transportFailures(Predicate<String> test) {
        return sum(window.transportFailures(), test);
    }

    /**
     * Requests whose reason matches, looking in both the reset reasons and the transport failures. A transport
     * failure usually also appears inside the reset reason's braces, so the two are not added up.
     */
    long reasons(Predicate<String> test) {
        return Math.max(resetReasons(test), transportFailures(test));
    }

    static Predicate<String> containsIgnoreCase(String... needles) {
        return s -> {
            String lower = s.toLowerCase(Locale.ROOT);
            for (String needle : needles) {
                if (lower.contains(needle.toLowerCase(Locale.ROOT))) {
                    return true;
                }
            }
            return false;
        };
    }

    private static long sum(Map<String, Long> counts, Predicate<String> test) {
        long total = 0;
        for (Map.Entry<String, Long> e : counts.entrySet()) {
            if (e.getKey() != null && e.getValue() != null && test.test(e.getKey())) {
                total += Math.max(0, e.getValue());
            }
        }
        return total;
    }

    // ---- facts ----

    List<LifecycleFact> facts() {
        return usableFacts;
    }

    /**
     * Facts about this pod: pod-scoped facts (by uid when both sides know it, else by namespace/name), the owner's
     * {@code POD_DELETED_BY_OWNER} naming it, and its Deployment's {@code SCALED_DOWN}. In time order.
     */
    List<LifecycleFact> factsOf(PodEvidence pod) {
        List<LifecycleFact> out = new ArrayList<>();
        for (LifecycleFact f : usableFacts) {
            if (concerns(f, pod)) {
                out.add(f);
            }
        }
        return out;
    }

    /** Node-scoped facts of the pod's node (pod-scoped NodeNotReady events arrive through {@link #factsOf}). */
    List<LifecycleFact> nodeFacts(String node) {
        if (node == null) {
            return List.of();
        }
        return usableFacts.stream().filter(f -> f.scope() == FactScope.NODE && node.equals(f.node())).toList();
    }

    boolean concerns(LifecycleFact f, PodEvidence pod) {
        if (!sameNamespace(f)) {
            return false;
        }
        return switch (f.scope()) {
            case POD -> samePod(f, pod);
            case NODE -> false;
            case OWNER -> switch (f.type()) {
                case POD_DELETED_BY_OWNER -> pod.name() != null && pod.name().equals(f.podName());
                case SCALED_DOWN -> pod.name() != null && f.ownerName() != null
                        && (f.ownerKind() == null || "Deployment".equals(f.ownerKind()))
                        && f.ownerName().equals(deploymentOf(pod.name()));
                default -> false;
            };
        };
    }

    private static boolean samePod(LifecycleFact f, PodEvidence pod) {
        // Names are reused (StatefulSets, IP reuse): when both sides know the uid, only the uid decides.
        if (f.podUid() != null && pod.uid() != null) {
            return f.podUid().equals(pod.uid());
        }
        return f.podName() != null && f.podName().equals(pod.name());
    }

    private boolean sameNamespace(LifecycleFact f) {
        return f.namespace() == null || window.namespace() == null || f.namespace().equals(window.namespace());
    }

    /** {@code checkout-7d9f8c6b5-x2kqp} → {@code checkout}; null when the name is not a Deployment pod's. */
    static String deploymentOf(String podName) {
        if (podName == null) {
            return null;
        }
        int last = podName.lastIndexOf('-');
        if (last <= 0) {
            return null;
        }
        int hash = podName.lastIndexOf('-', last - 1);
        return hash <= 0 ? null : podName.substring(0, hash);
    }

    static boolean isSidecar(LifecycleFact f) {
        return SIDECAR.equals(f.container());
    }

    /** Init containers of the mesh (istio-init, istio-validation) end by design; their exits are not evidence. */
    static boolean isMeshInit(LifecycleFact f) {
        return f.container() != null && f.container().startsWith("istio-") && !isSidecar(f);
    }

    /** Earliest fact of this pod saying it is going away, or null. */
    static Instant deletionStart(List<LifecycleFact> podFacts) {
        return podFacts.stream()
                .filter(f -> DELETION.contains(f.type()))
                .map(LifecycleFact::firstTime)
                .min(Comparator.naturalOrder())
                .orElse(null);
    }

    // ---- time ----

    /** 1 inside the window (within the skew), halving at {@value #PROXIMITY_HALF_DISTANCE_SECONDS} s away. */
    double proximity(LifecycleFact f) {
        double seconds = Math.max(0, secondsOutside(f.firstTime(), f.lastTime()) - skew.toMillis() / 1000.0);
        return 1.0 / (1.0 + seconds / PROXIMITY_HALF_DISTANCE_SECONDS);
    }

    private double secondsOutside(Instant first, Instant last) {
        Instant start = window.windowStart();
        Instant end = window.windowEnd();
        if (start != null && last.isBefore(start)) {
            return Duration.between(last, start).toMillis() / 1000.0;
        }
        if (end != null && first.isAfter(end)) {
            return Duration.between(end, first).toMillis() / 1000.0;
        }
        return 0;
    }

    /** Whether {@code a} is not later than {@code b}, within the clock skew. */
    boolean notAfter(Instant a, Instant b) {
        return !a.isAfter(b.plus(skew));
    }

    /** Whether two instants lie within {@code tolerance} (plus the clock skew) of each other. */
    boolean near(Instant a, Instant b, Duration tolerance) {
        return Duration.between(a, b).abs().compareTo(tolerance.plus(skew)) <= 0;
    }

    /** "at 2025-03-04T10:15:40Z, 20 s before the window started". */
    String when(LifecycleFact f) {
        String at = "at " + Text.time(f.time());
        if (f.count() > 1 && !f.firstTime().equals(f.lastTime())) {
            at = f.count() + " times between " + Text.time(f.firstTime()) + " and " + Text.time(f.lastTime());
        }
        return at + ", " + relativeToWindow(f.time());
    }

    String relativeToWindow(Instant t) {
        Instant start = window.windowStart();
        Instant end = window.windowEnd();
        if (start != null && t.isBefore(start)) {
            return Text.seconds(Duration.between(t, start)) + " before the window started";
        }
        if (end != null && t.isAfter(end)) {
            return Text.seconds(Duration.between(end, t)) + " after the window ended";
        }
        if (start != null) {
            return "during the window (" + Text.seconds(Duration.between(start, t)) + " in)";
        }
        return "near the window";
    }

    // ---- pods ----

    static String podLabel(PodEvidence p) {
        if (p.name() != null) {
            return p.name();
        }
        return p.ip() != null ? "unresolved IP " + p.ip() : "an unresolved pod";
    }

    /** "pod checkout-7d9f-x2kqp (node-a) had 40 of 52 resets". */
    String podResetsPhrase(PodEvidence p) {
        String node = p.node() != null ? " (" + p.node() + ")" : "";
        String name = p.name() != null ? "pod " + p.name() : podLabel(p);
        return name + node + " had " + p.resets() + " of " + podResets + " resets";
    }

    /** Share of resets on pods with any disruptive lifecycle fact (or a stale IP), weighted by the fact's proximity. */
    double lifecycleCoverage() {
        if (podResets <= 0) {
            return 0.0;
        }
        double covered = 0;
        for (PodEvidence pod : affected) {
            double best = pod.ipState() == PodEvidence.IpState.GONE ? 1.0 : 0.0;
            for (LifecycleFact f : factsOf(pod)) {
                if (DISRUPTIVE.contains(f.type()) && !isMeshInit(f)) {
                    best = Math.max(best, proximity(f));
                }
            }
            for (LifecycleFact f : nodeFacts(pod.node())) {
                if (DISRUPTIVE.contains(f.type())) {
                    best = Math.max(best, proximity(f));
                }
            }
            covered += best * pod.resets();
        }
        return clamp(covered / podResets);
    }

    Evidence evidence(LifecycleFact f, PodEvidence pod, String detail) {
        String node = f.node() != null ? f.node() : pod != null ? pod.node() : null;
        String podName = pod != null && pod.name() != null ? pod.name() : f.podName();
        return new Evidence(f.type().name(), detail + " " + when(f), f.time(), podName, node);
    }

    static Evidence aggregate(String kind, String detail) {
        return new Evidence(kind, detail, null, null, null);
    }

    static Evidence ofPod(String kind, PodEvidence pod, String detail) {
        return new Evidence(kind, detail, null, pod.name(), pod.node());
    }

    static double clamp(double value) {
        if (Double.isNaN(value)) {
            return 0.0;
        }
        return Math.max(0.0, Math.min(1.0, value));
    }
}

package io.resetwatch.classify;

import io.resetwatch.model.FactType;
import io.resetwatch.model.LifecycleFact;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * LIVENESS_RESTART (DOMAIN §10): the kubelet restarted a container of an affected pod because its liveness probe
 * failed (a hang, deadlock or leak), or because its startup probe did.
 *
 * <p>Strength per pod: {@code Killing} "failed liveness probe" 0.9 (sidecar 0.5), "failed startup probe" 0.6;
 * without the Killing event, a liveness failure followed by a SIGTERM/SIGKILL exit (143/137) or a restart 0.7, by
 * another exit 0.35 (the failure may be a symptom of a crash), by nothing yet 0.3; times proximity.
 * Confidence = 0.15 + 0.8 × Σ(resets × strength)/resets + 0.05 for route timeouts/client disconnects (UT, DC)
 * + 0.05 for growing durations (p90 ≥ 1 s and ≥ 4 × median).
 */
final class LivenessRestartRule implements CauseRule {

    /** Three failures 10 s apart by default, then the kill and the exit (grace 30 s): two minutes is generous. */
    private static final Duration FAILURE_TO_RESTART = Duration.ofSeconds(120);

    @Override
    public Optional<Candidate> evaluate(WindowContext ctx) {
        PodFindings findings = new PodFindings(ctx);
        boolean startup = false;
        String appContainer = null;
        for (PodEvidence pod : ctx.affected()) {
            List<LifecycleFact> facts = ctx.factsOf(pod);
            double best = 0;
            List<Evidence> evidence = new ArrayList<>();
            boolean killed = false;
            for (LifecycleFact f : facts) {
                if (f.type() == FactType.LIVENESS_KILL || f.type() == FactType.STARTUP_KILL) {
                    boolean liveness = f.type() == FactType.LIVENESS_KILL;
                    double strength = !liveness ? 0.6 : WindowContext.isSidecar(f) ? 0.5 : 0.9;
                    best = Math.max(best, strength * ctx.proximity(f));
                    killed = true;
                    startup |= !liveness;
                    if (appContainer == null && !WindowContext.isSidecar(f)) {
                        appContainer = f.container();
                    }
                    evidence.add(ctx.evidence(f, pod, "kubelet restarted " + Text.container(f) + " of pod "
                            + WindowContext.podLabel(pod) + " after failed " + (liveness ? "liveness" : "startup")
                            + " probes" + Text.quote(f.message())));
                    exitAfter(ctx, facts, f).ifPresent(x -> evidence.add(ctx.evidence(x, pod, "then "
                            + Text.container(x) + " ended (" + Text.exit(x) + ")")));
                }
            }
            for (LifecycleFact f : facts) {
                if (f.type() != FactType.LIVENESS_PROBE_FAILED) {
                    continue;
                }
                Optional<LifecycleFact> exit = exitAfter(ctx, facts, f);
                double strength;
                if (killed) {
                    strength = 0; // the Killing already counted; the failures are its history
                } else if (exit.isEmpty()) {
                    strength = 0.3;
                } else {
                    Integer code = exit.get().exitCode();
                    boolean signalled = code == null || code == 137 || code == 143
                            || exit.get().type() != FactType.CONTAINER_TERMINATED;
                    strength = signalled ? 0.7 : 0.35;
                }
                best = Math.max(best, strength * ctx.proximity(f));
                if (appContainer == null && !WindowContext.isSidecar(f)) {
                    appContainer = f.container();
                }
                evidence.add(ctx.evidence(f, pod, "liveness probe of pod " + WindowContext.podLabel(pod)
                        + " failed" + Text.quote(f.message())));
                if (!killed) {
                    exit.ifPresent(x -> evidence.add(ctx.evidence(x, pod, "then " + Text.container(x) + " "
                            + (x.type() == FactType.CONTAINER_TERMINATED ? "ended (" + Text.exit(x) + ")" : "was restarted"))));
                }
            }
            if (!evidence.isEmpty()) {
                evidence.add(0, WindowContext.ofPod("pod", pod, ctx.podResetsPhrase(pod)));
                findings.add(pod, best, evidence);
            }
        }
        if (findings.isEmpty() || findings.weightedStrength() <= 0) {
            return Optional.empty();
        }
        List<Evidence> evidence = new ArrayList<>();
        evidence.add(findings.coverage("probe-driven restarts"));
        evidence.addAll(findings.evidence());
        double corroboration = 0;
        long ut = ctx.flag("UT");
        long dc = ctx.flag("DC");
        if (ut + dc > 0) {
            corroboration += 0.05;
            evidence.add(WindowContext.aggregate("flags", "callers also timed out (UT " + ut + ", DC " + dc
                    + "): the app was slow or hung before the restart"));
        }
        DurationStats d = ctx.window().resetDurations();
        if (d.count() > 0 && d.p90Ms() >= 1000 && d.p90Ms() >= 4 * Math.max(1, d.medianMs())) {
            corroboration += 0.05;
            evidence.add(WindowContext.aggregate("durations", "reset durations spread out: median "
                    + Text.millis(d.medianMs()) + ", p90 " + Text.millis(d.p90Ms()) + ", as when requests pile up behind a hang"));
        }
        String container = appContainer != null ? "container " + appContainer : "the container";
        String remediation = "The kubelet restarted " + container + " because its "
                + (startup ? "liveness or startup" : "liveness") + " probe failed: find the hang (take a thread dump"
                + " before the kill), keep the liveness check free of dependency checks and separate from readiness,"
                + " use a startupProbe for slow starts, and check the probe's timeoutSeconds (default 1 s) and"
                + " failureThreshold against real latency.";
        double confidence = Confidence.lifecycle(findings.weightedStrength(), corroboration, 0);
        return Optional.of(new Candidate(Cause.LIVENESS_RESTART, confidence, evidence, remediation));
    }

    /** The termination or restart of the same container that followed. */
    private static Optional<LifecycleFact> exitAfter(WindowContext ctx, List<LifecycleFact> facts, LifecycleFact cause) {
        return facts.stream()
                .filter(x -> x.type() == FactType.CONTAINER_TERMINATED || x.type() == FactType.CONTAINER_RESTART_ORDERED
                        || x.type() == FactType.CONTAINER_STARTED)
                .filter(x -> ContainerCrashRule.sameContainer(x, cause))
                .filter(x -> ctx.notAfter(cause.firstTime(), x.time()) && ctx.near(cause.lastTime(), x.time(), FAILURE_TO_RESTART))
                .findFirst();
    }
}

package io.resetwatch.classify;

import io.resetwatch.model.FactType;
import io.resetwatch.model.LifecycleFact;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * CONTAINER_CRASH (DOMAIN §10): a container of an affected pod ended on its own with a non-zero exit other than
 * 137/143 (typically 1), restarted in place (same pod, no deletion), with no kubelet {@code Killing} before it.
 *
 * <p>Strength per pod: 0.7 for the app container (0.45 for the sidecar), +0.15 when the restart count shows it
 * restarted, +0.15 for BackOff (crash loop); times proximity. A deletion before the exit (it was stopped), a
 * kubelet kill before it (liveness, startup, spec change) or an OOM verdict at the same moment disqualifies the
 * exit. Confidence = 0.15 + 0.8 × Σ(resets × strength)/resets.
 */
final class ContainerCrashRule implements CauseRule {

    private static final Set<FactType> KUBELET_KILLS = EnumSet.of(
            FactType.LIVENESS_KILL, FactType.STARTUP_KILL, FactType.CONTAINER_RESTART_ORDERED, FactType.CONTAINER_STOPPING);

    /** A kubelet kill this long before the exit explains it (grace 30 s by default, plus event lag). */
    private static final Duration KILL_EXPLAINS_EXIT = Duration.ofSeconds(90);

    @Override
    public Optional<Candidate> evaluate(WindowContext ctx) {
        PodFindings findings = new PodFindings(ctx);
        String appContainer = null;
        String examplePod = null;
        int exampleExit = 1;
        boolean sidecar = false;
        boolean crashLoop = false;
        for (PodEvidence pod : ctx.affected()) {
            List<LifecycleFact> facts = ctx.factsOf(pod);
            Instant deletion = WindowContext.deletionStart(facts);
            List<LifecycleFact> backOffs = facts.stream().filter(f -> f.type() == FactType.BACK_OFF).toList();
            double best = 0;
            List<Evidence> evidence = new ArrayList<>();
            for (LifecycleFact f : facts) {
                if (!isCrashExit(f)
                        || (deletion != null && ctx.notAfter(deletion, f.time()))
                        || killedBefore(ctx, facts, f)
                        || oomAtSameTime(ctx, facts, f)) {
                    continue;
                }
                boolean isSidecar = WindowContext.isSidecar(f);
                boolean restarted = f.restartCount() != null && f.restartCount() > 0;
                double strength = (isSidecar ? 0.45 : 0.7) + (restarted ? 0.15 : 0) + (backOffs.isEmpty() ? 0 : 0.15);
                best = Math.max(best, strength * ctx.proximity(f));
                evidence.add(ctx.evidence(f, pod, "pod " + WindowContext.podLabel(pod) + " " + Text.container(f)
                        + " exited on its own (" + Text.exit(f) + "), with no deletion and no kubelet kill before it,"));
                if (isSidecar) {
                    sidecar = true;
                } else if (appContainer == null) {
                    appContainer = f.container();
                    examplePod = pod.name();
                    exampleExit = f.exitCode();
                }
            }
            if (!evidence.isEmpty()) {
                for (LifecycleFact b : backOffs) {
                    crashLoop = true;
                    evidence.add(ctx.evidence(b, pod, "pod " + WindowContext.podLabel(pod) + " " + Text.container(b)
                            + " is in crash-loop back-off" + Text.quote(b.message())));
                }
                evidence.add(0, WindowContext.ofPod("pod", pod, ctx.podResetsPhrase(pod)));
                findings.add(pod, best, evidence);
            }
        }
        if (findings.isEmpty()) {
            return Optional.empty();
        }
        List<Evidence> evidence = new ArrayList<>();
        evidence.add(findings.coverage("container crashes"));
        evidence.addAll(findings.evidence());

        List<String> remedies = new ArrayList<>();
        if (appContainer != null) {
            remedies.add("Read the previous run's logs (kubectl logs " + (examplePod != null ? examplePod : "<pod>")
                    + " -c " + (appContainer != null ? appContainer : "<container>") + " --previous) and fix what makes"
                    + " the app exit with code " + exampleExit + "; nothing in the mesh needs tuning."
                    + (crashLoop ? " It is crash-looping: every restart (back-off 10 s doubling to 5 min) drops in-flight requests again." : ""));
        }
        if (sidecar) {
            remedies.add("The istio-proxy sidecar itself exited: read its previous logs (-c istio-proxy --previous) and"
                    + " check its resources and the proxy version.");
        }
        double confidence = Confidence.lifecycle(findings.weightedStrength(), 0, 0);
        return Optional.of(new Candidate(Cause.CONTAINER_CRASH, confidence, evidence, String.join(" ", remedies)));
    }

    /** A termination the container chose: non-zero, neither SIGKILL (137) nor SIGTERM (143), not an OOM verdict. */
    private static boolean isCrashExit(LifecycleFact f) {
        return f.type() == FactType.CONTAINER_TERMINATED
                && f.exitCode() != null && f.exitCode() != 0 && f.exitCode() != 137 && f.exitCode() != 143
                && !"OOMKilled".equals(f.reason())
                && !WindowContext.isMeshInit(f);
    }

    private static boolean killedBefore(WindowContext ctx, List<LifecycleFact> facts, LifecycleFact exit) {
        return facts.stream().anyMatch(k -> KUBELET_KILLS.contains(k.type())
                && sameContainer(k, exit)
                && ctx.notAfter(k.firstTime(), exit.time())
                && ctx.near(k.firstTime(), exit.time(), KILL_EXPLAINS_EXIT));
    }

    private static boolean oomAtSameTime(WindowContext ctx, List<LifecycleFact> facts, LifecycleFact exit) {
        return facts.stream().anyMatch(o -> o.type() == FactType.CONTAINER_OOM_KILLED
                && sameContainer(o, exit) && ctx.near(o.time(), exit.time(), Duration.ZERO));
    }

    /** A pod-level kill (no container named) concerns every container. */
    static boolean sameContainer(LifecycleFact a, LifecycleFact b) {
        return a.container() == null || b.container() == null || a.container().equals(b.container());
    }
}

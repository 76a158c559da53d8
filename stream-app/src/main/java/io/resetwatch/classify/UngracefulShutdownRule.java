package io.resetwatch.classify;

import io.resetwatch.model.FactType;
import io.resetwatch.model.LifecycleFact;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * UNGRACEFUL_SHUTDOWN (DOMAIN §10): traffic still reached pods that were going away (rollout, scale-down,
 * eviction, preemption, taint eviction), or callers kept sending to the IPs of pods already gone (stale endpoints).
 *
 * <p>Strength per pod: the strongest of its deletion facts (deletion requested, kubelet "Stopping container",
 * eviction, preemption, taint eviction, grace exceeded 0.85; owner deleted it 0.8; pod object gone 0.75;
 * DisruptionTarget 0.7; its Deployment scaled down 0.45), times proximity, +0.05 per further kind of deletion fact
 * (at most +0.15); a stale IP (ipState GONE) 0.8, 0.9 with connect timeouts or refusals in the window.
 * Confidence = 0.15 + 0.8 × Σ(resets × strength)/resets + 0.05 when other pods of the service were being replaced
 * too (a rollout). The exit code after the deletion decides the remediation: 137 = killed after its grace period,
 * 143/0 = stopped gracefully but traffic still reached it.
 */
final class UngracefulShutdownRule implements CauseRule {

    private static final Map<FactType, Double> STRENGTH = new EnumMap<>(Map.of(
            FactType.POD_DELETING, 0.85,
            FactType.CONTAINER_STOPPING, 0.85,
            FactType.EVICTED, 0.85,
            FactType.PREEMPTED, 0.85,
            FactType.TAINT_EVICTION, 0.85,
            FactType.GRACE_PERIOD_EXCEEDED, 0.85,
            FactType.POD_DELETED_BY_OWNER, 0.8,
            FactType.POD_DELETED, 0.75,
            FactType.DISRUPTION_TARGET, 0.7,
            FactType.SCALED_DOWN, 0.45));

    private static final int FACTS_SHOWN_PER_POD = 2;

    @Override
    public Optional<Candidate> evaluate(WindowContext ctx) {
        PodFindings findings = new PodFindings(ctx);
        long connectFailures = ctx.reasons(WindowContext.containsIgnoreCase(
                "connection_timeout", "_111", "connection_refused"));
        int killedAfterGrace = 0;
        int stoppedGracefully = 0;
        int stale = 0;
        boolean preStopFailed = false;
        Long gracePeriod = null;

        for (PodEvidence pod : ctx.affected()) {
            List<LifecycleFact> facts = ctx.factsOf(pod);
            List<Evidence> evidence = new ArrayList<>();
            double best = 0;
            // The first fact of each kind, strongest kinds first; two of them tell the story.
            Map<FactType, LifecycleFact> firstOfKind = new EnumMap<>(FactType.class);
            for (LifecycleFact f : facts) {
                Double strength = STRENGTH.get(f.type());
                if (strength == null) {
                    continue;
                }
                best = Math.max(best, strength * ctx.proximity(f));
                firstOfKind.putIfAbsent(f.type(), f);
                if (f.gracePeriodSeconds() != null && gracePeriod == null) {
                    gracePeriod = f.gracePeriodSeconds();
                }
            }
            int kinds = firstOfKind.size();
            firstOfKind.values().stream()
                    .sorted(Comparator.comparingDouble((LifecycleFact f) -> -STRENGTH.get(f.type()))
                            .thenComparing(LifecycleFact::time))
                    .limit(FACTS_SHOWN_PER_POD)
                    .forEach(f -> evidence.add(ctx.evidence(f, pod, describe(f, pod))));
            if (pod.ipState() == PodEvidence.IpState.GONE) {
                best = Math.max(best, connectFailures > 0 ? 0.9 : 0.8);
                stale++;
                evidence.add(0, WindowContext.ofPod("ip_state", pod, "IP " + pod.ip() + " belonged to pod "
                        + WindowContext.podLabel(pod) + ", which was gone before these requests: callers still had"
                        + " it as an endpoint (stale endpoint)"));
            }
            if (best <= 0) {
                continue;
            }
            best = best + 0.05 * Math.min(3, Math.max(0, kinds - 1));

            Instant deletion = WindowContext.deletionStart(facts);
            for (LifecycleFact f : facts) {
                if (f.type() == FactType.PRESTOP_HOOK_FAILED) {
                    preStopFailed = true;
                    evidence.add(ctx.evidence(f, pod, "the preStop hook of pod " + WindowContext.podLabel(pod)
                            + " failed, so its drain delay did not run,"));
                }
                if (deletion == null || f.type() != FactType.CONTAINER_TERMINATED || f.exitCode() == null
                        || WindowContext.isMeshInit(f) || !ctx.notAfter(deletion, f.time())) {
                    continue;
                }
                if (f.exitCode() == 137) {
                    killedAfterGrace++;
                    evidence.add(ctx.evidence(f, pod, "pod " + WindowContext.podLabel(pod) + " " + Text.container(f)
                            + " was killed after its grace period (" + Text.exit(f) + ")"));
                } else if (!WindowContext.isSidecar(f)) {
                    stoppedGracefully++;
                    boolean graceful = f.exitCode() == 143 || f.exitCode() == 0;
                    evidence.add(ctx.evidence(f, pod, (graceful ? "stopped gracefully" : "stopped")
                            + ", yet traffic still reached it: pod " + WindowContext.podLabel(pod) + " "
                            + Text.container(f) + " exited after its deletion (" + Text.exit(f) + ")"));
                }
            }
            evidence.add(0, WindowContext.ofPod("pod", pod, ctx.podResetsPhrase(pod)));
            findings.add(pod, best, evidence);
        }
        if (findings.isEmpty()) {
            return Optional.empty();
        }
        List<Evidence> evidence = new ArrayList<>();
        evidence.add(findings.coverage("pods going away"));
        evidence.addAll(findings.evidence());
        if (stale > 0 && connectFailures > 0) {
            evidence.add(WindowContext.aggregate("reset_reason", connectFailures
                    + " connect timeouts or refusals (UF) towards IPs whose pods were gone"));
        }
        double corroboration = 0;
        List<String> others = otherPodsReplaced(ctx, findings.pods());
        if (!others.isEmpty()) {
            corroboration = 0.05;
            evidence.add(WindowContext.aggregate("rollout", "other pods of the service were being replaced at the"
                    + " same time (" + String.join(", ", others) + "): a rollout or scale-down"));
        }
        double confidence = Confidence.lifecycle(findings.weightedStrength(), corroboration, 0);
        return Optional.of(new Candidate(Cause.UNGRACEFUL_SHUTDOWN, confidence, evidence,
                remediation(killedAfterGrace, stoppedGracefully, stale, preStopFailed, gracePeriod)));
    }

    private static String describe(LifecycleFact f, PodEvidence pod) {
        String name = WindowContext.podLabel(pod);
        return switch (f.type()) {
            case POD_DELETING -> "deletion of pod " + name + " was requested"
                    + (f.gracePeriodSeconds() != null ? " (grace period " + f.gracePeriodSeconds() + " s)" : "");
            case CONTAINER_STOPPING -> "kubelet began stopping " + Text.container(f) + " of pod " + name + Text.quote(f.message());
            case POD_DELETED -> "pod " + name + " was deleted";
            case POD_DELETED_BY_OWNER -> (f.ownerName() != null ? f.ownerKind() + " " + f.ownerName() : "its owner")
                    + " deleted pod " + name;
            case SCALED_DOWN -> "Deployment " + f.ownerName() + " of pod " + name + " scaled down" + Text.quote(f.message());
            case EVICTED -> "pod " + name + " was evicted" + Text.quote(f.message());
            case PREEMPTED -> "pod " + name + " was preempted" + Text.quote(f.message());
            case TAINT_EVICTION -> "pod " + name + " was marked for deletion by the taint manager";
            case GRACE_PERIOD_EXCEEDED -> "pod " + name + " exceeded its grace period" + Text.quote(f.message());
            case DISRUPTION_TARGET -> "pod " + name + " became a disruption target"
                    + (f.reason() != null ? " (" + f.reason() + ")" : "");
            default -> "pod " + name + ": " + f.type();
        };
    }

    /** Pods of the service that had no resets but were deleted by their owner in the same period. */
    private static List<String> otherPodsReplaced(WindowContext ctx, List<PodEvidence> found) {
        List<String> names = new ArrayList<>();
        for (LifecycleFact f : ctx.facts()) {
            if (f.type() == FactType.POD_DELETED_BY_OWNER && f.podName() != null
                    && found.stream().noneMatch(p -> f.podName().equals(p.name()))
                    && !names.contains(f.podName()) && names.size() < 3) {
                names.add(f.podName());
            }
        }
        return names;
    }

    private static String remediation(int killed, int graceful, int stale, boolean preStopFailed, Long grace) {
        String gracePhrase = "terminationGracePeriodSeconds" + (grace != null ? " (currently " + grace + " s)" : "");
        StringBuilder s = new StringBuilder();
        if (killed > 0 && killed >= graceful) {
            s.append("The app did not stop within its grace period and was SIGKILLed: make it finish in-flight requests"
                    + " and exit on SIGTERM, or raise ").append(gracePhrase).append(" above the preStop delay plus the"
                    + " drain time. ");
        } else if (stale > 0 && graceful == 0) {
            s.append("Callers kept sending to IPs of pods that were already gone (endpoint removal reached their"
                    + " sidecars late): let callers retry connect failures (VirtualService retries.retryOn"
                    + " connect-failure,reset) and delay pod shutdown until endpoints propagate. ");
        } else {
            s.append("Pods stopped while traffic still reached them. ");
        }
        if (preStopFailed) {
            s.append("Fix the failing preStop hook first. ");
        }
        s.append("Add a preStop delay (lifecycle.preStop.sleep, e.g. 10 s, or an exec sleep) so endpoint removal"
                + " reaches every caller before the app stops; keep ").append(gracePhrase)
                .append(" ≥ preStop + drain; raise Istio terminationDrainDuration (default 5 s, proxy.istio.io/config)"
                        + " or set EXIT_ON_ZERO_ACTIVE_CONNECTIONS=true so the sidecar outlives the app's connections.");
        return s.toString();
    }
}

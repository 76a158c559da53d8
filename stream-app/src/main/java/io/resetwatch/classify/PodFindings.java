package io.resetwatch.classify;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What a pod-level rule found, pod by pod: how strongly each pod's facts point at the cause (in [0,1]) and the
 * evidence behind it. The rule's confidence grows with the share of resets that such pods carry.
 */
final class PodFindings {

    record Finding(PodEvidence pod, double strength, List<Evidence> evidence) {
    }

    private final WindowContext context;
    private final List<Finding> findings = new ArrayList<>();

    PodFindings(WindowContext context) {
        this.context = context;
    }

    void add(PodEvidence pod, double strength, List<Evidence> evidence) {
        if (strength > 0 && !evidence.isEmpty()) {
            findings.add(new Finding(pod, WindowContext.clamp(strength), List.copyOf(evidence)));
        }
    }

    boolean isEmpty() {
        return findings.isEmpty();
    }

    List<PodEvidence> pods() {
        return findings.stream().map(Finding::pod).toList();
    }

    /** Σ(resets of pod × strength of its finding) / all pod resets: coverage and strength in one figure. */
    double weightedStrength() {
        if (context.podResets() <= 0) {
            return findings.stream().mapToDouble(Finding::strength).max().orElse(0);
        }
        double sum = findings.stream().mapToDouble(f -> f.strength() * f.pod().resets()).sum();
        return WindowContext.clamp(sum / context.podResets());
    }

    /** Strongest pods first; each pod's reset count, then its facts. */
    List<Evidence> evidence() {
        List<Evidence> out = new ArrayList<>();
        findings.stream()
                .sorted(Comparator.comparingDouble((Finding f) -> f.strength() * Math.max(1, f.pod().resets()))
                        .reversed()
                        .thenComparing(f -> WindowContext.podLabel(f.pod())))
                .forEach(f -> {
                    out.addAll(f.evidence());
                });
        return out;
    }

    /** A one-line summary of the coverage: "3 of 3 pods with resets (100 % of the resets)". */
    Evidence coverage(String what) {
        double share = context.resetShare(pods());
        return WindowContext.aggregate("spread", what + " on " + findings.size() + " of " + context.affected().size()
                + " pods with resets, carrying " + Text.percent(share) + " of the " + context.podResets() + " resets");
    }
}

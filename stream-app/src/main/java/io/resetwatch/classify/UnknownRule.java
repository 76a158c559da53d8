package io.resetwatch.classify;

import java.util.ArrayList;
import java.util.List;

/**
 * UNKNOWN (DOMAIN §10): the fallback when no signature matched, carrying the raw evidence for triage.
 *
 * <p>Confidence = 0.1 + 0.1 × share of resets on pods the pod feed could not resolve: the less we could see, the
 * more likely the cause is simply unknown to us (at most 0.2).
 */
final class UnknownRule {

    Candidate evaluate(WindowContext ctx) {
        WindowEvidence w = ctx.window();
        List<Evidence> evidence = new ArrayList<>();
        evidence.add(WindowContext.aggregate("flags", ctx.resets() + " of " + w.requests() + " requests failed; flags: "
                + (w.flagCounts().isEmpty() ? "none" : Text.counts(w.flagCounts(), 6))));
        if (!w.resetReasons().isEmpty()) {
            evidence.add(WindowContext.aggregate("reset_reason", "reset reasons: " + Text.counts(w.resetReasons(), 4)));
        }
        if (!w.transportFailures().isEmpty()) {
            evidence.add(WindowContext.aggregate("transport_failure", "transport failures: "
                    + Text.counts(w.transportFailures(), 3)));
        }
        long refused = ctx.reasons(s -> s.contains("_111") || s.contains("Connection_refused"));
        if (refused > 0) {
            evidence.add(WindowContext.aggregate("transport_failure", refused + " connect failures with ECONNREFUSED"
                    + " (111): nothing listened on the app port (restarting or not started), but no container"
                    + " termination was reported"));
        }
        DurationStats d = w.resetDurations();
        if (d.count() > 0) {
            evidence.add(WindowContext.aggregate("durations", "reset durations: median " + Text.millis(d.medianMs())
                    + ", p10 " + Text.millis(d.p10Ms()) + ", p90 " + Text.millis(d.p90Ms()) + ", "
                    + Text.percent(d.fractionNearMedian()) + " within ±10 % of the median"));
        }
        List<PodEvidence> unresolved = ctx.affected().stream()
                .filter(p -> p.name() == null || p.ipState() == PodEvidence.IpState.UNKNOWN).toList();
        for (PodEvidence p : ctx.affected().stream().limit(3).toList()) {
            evidence.add(WindowContext.ofPod("pod", p, ctx.podResetsPhrase(p) + (p.ipState() == PodEvidence.IpState.UNKNOWN
                    ? " (no pod feed covers its IP " + p.ip() + ")" : "")));
        }
        evidence.add(WindowContext.aggregate("lifecycle", w.facts().isEmpty()
                ? "no lifecycle fact was joined for these pods"
                : w.facts().size() + " lifecycle facts were joined, none matching a known signature"));
        double confidence = Confidence.round(0.1 + 0.1 * ctx.resetShare(unresolved));
        String remediation = "No known signature matched: check that the pod feed covers the upstream IPs"
                + (unresolved.isEmpty() ? "" : " (" + unresolved.size() + " unresolved)")
                + ", read the upstream app's and its sidecar's logs around " + Text.time(w.windowStart())
                + ", and compare the flags and reasons above with the cause signatures.";
        return new Candidate(Cause.UNKNOWN, confidence, evidence, remediation);
    }
}

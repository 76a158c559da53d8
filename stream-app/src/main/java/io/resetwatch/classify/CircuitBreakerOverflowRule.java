package io.resetwatch.classify;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * CIRCUIT_BREAKER_OVERFLOW (DOMAIN §10): the caller's sidecar refused requests itself (flag UO, reason overflow).
 *
 * <p>Confidence = 0.2 + 0.75 × share of reset lines that overflowed, + 0.04 when reset durations are a few
 * milliseconds (nothing left the caller). Istio's own limits are effectively unlimited, so UO implies an explicit
 * DestinationRule limit.
 */
final class CircuitBreakerOverflowRule implements CauseRule {

    @Override
    public Optional<Candidate> evaluate(WindowContext ctx) {
        long overflow = Math.max(ctx.flag("UO"), ctx.resetReasons(s -> s.equals("overflow")));
        if (overflow <= 0) {
            return Optional.empty();
        }
        double share = ctx.lineShare(overflow);
        List<Evidence> evidence = new ArrayList<>();
        evidence.add(WindowContext.aggregate("flags", overflow + " requests overflowed the circuit breaker (UO, "
                + Text.percent(share) + " of reset lines); Istio's default limits are effectively unlimited, so a"
                + " DestinationRule sets one"));
        DurationStats d = ctx.window().resetDurations();
        double instant = 0;
        if (d.count() > 0 && d.medianMs() <= 5) {
            instant = 0.04;
            evidence.add(WindowContext.aggregate("durations", "reset durations are near zero (median "
                    + Text.millis(d.medianMs()) + "): the caller's sidecar refused them without contacting the upstream"));
        }
        String remediation = "Raise the connectionPool limits of the DestinationRule for " + host(ctx)
                + " (tcp.maxConnections, http.http1MaxPendingRequests, http.http2MaxRequests, http.maxRetries), or"
                + " scale the upstream or cut its latency (slow responses build concurrency).";
        double confidence = Confidence.round(0.2 + 0.75 * share + instant);
        return Optional.of(new Candidate(Cause.CIRCUIT_BREAKER_OVERFLOW, confidence, evidence, remediation));
    }

    static String host(WindowContext ctx) {
        WindowEvidence w = ctx.window();
        if (w.upstreamCluster() != null) {
            String[] parts = w.upstreamCluster().split("\\|", 4);
            if (parts.length == 4 && !parts[3].isBlank()) {
                return parts[3];
            }
        }
        if (w.service() != null && w.namespace() != null) {
            return w.service() + "." + w.namespace();
        }
        return w.service() != null ? w.service() : "this service";
    }
}

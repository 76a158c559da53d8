package io.resetwatch.classify;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * KEEPALIVE_RACE (DOMAIN §10): the app closes idle keep-alive connections before the sidecar's pool does, and
 * the sidecar reuses one that was just closed: sporadic UC connection_termination with small durations, spread
 * over the service's pods, with no lifecycle evidence.
 *
 * <p>Applies when durations are known with a median ≤ 100 ms and some resets are UC. Confidence =
 * smallness (1 up to 50 ms, 0.5 at 100 ms) × (0.35 + 0.35 × share of the service's pods affected + 0.3 × share of
 * reset lines that are UC) × sporadic (1 up to a 5 % reset ratio, falling to 0.2) × (0.7 + 0.3 × n/(n+3))
 * × (1 − 0.8 × share of resets on pods with lifecycle facts).
 */
final class KeepaliveRaceRule implements CauseRule {

    static final long MAX_MEDIAN_MS = 100;

    @Override
    public Optional<Candidate> evaluate(WindowContext ctx) {
        DurationStats d = ctx.window().resetDurations();
        long terminations = Math.max(ctx.flag("UC"), ctx.resetReasons(s -> s.equals("connection_termination")));
        if (d.count() <= 0 || d.medianMs() > MAX_MEDIAN_MS || terminations <= 0) {
            return Optional.empty();
        }
        double small = d.medianMs() <= 50 ? 1.0 : 1.0 - (d.medianMs() - 50) / 100.0;
        int servicePods = Math.max(ctx.window().servicePodCount(), ctx.pods().size());
        double spread = servicePods <= 0 ? 0 : WindowContext.clamp((double) ctx.affected().size() / servicePods);
        double ucShare = ctx.lineShare(terminations);
        double ratio = ctx.resetRatio();
        double sporadic = ratio <= 0.05 ? 1.0 : Math.max(0.2, 1.0 - (ratio - 0.05) * 2);
        double lifecycle = ctx.lifecycleCoverage();

        List<Evidence> evidence = new ArrayList<>();
        evidence.add(WindowContext.aggregate("durations", "reset durations are short: median "
                + Text.millis(d.medianMs()) + ", p90 " + Text.millis(d.p90Ms()) + " over " + d.count()
                + " resets: the connection died as the request was sent, not while the app worked on it"));
        evidence.add(WindowContext.aggregate("reset_reason", terminations + " connection terminations (UC, "
                + Text.percent(ucShare) + " of reset lines)"));
        evidence.add(WindowContext.aggregate("spread", "resets on " + ctx.affected().size() + " of " + servicePods
                + " pods of the service"));
        evidence.add(WindowContext.aggregate("ratio", ctx.resets() + " of " + ctx.window().requests()
                + " requests failed (" + String.format(java.util.Locale.ROOT, "%.2f", ratio * 100) + " %)"
                + (ratio <= 0.05 ? ": sporadic" : "")));
        if (lifecycle == 0) {
            evidence.add(WindowContext.aggregate("lifecycle", "no pod of the service restarted, stopped or lost its node"
                    + " around the window"));
        } else {
            evidence.add(WindowContext.aggregate("contradiction", Text.percent(lifecycle)
                    + " of the resets are on pods with lifecycle facts, which explain them better"));
        }
        double confidence = Confidence.round(small * (0.35 + 0.35 * spread + 0.3 * ucShare) * sporadic
                * (0.7 + 0.3 * Confidence.sample(d.count())) * (1 - 0.8 * lifecycle));
        String remediation = "Make the sidecar's pool idle timeout shorter than the app's keep-alive timeout: set"
                + " DestinationRule trafficPolicy.connectionPool.http.idleTimeout for "
                + CircuitBreakerOverflowRule.host(ctx) + " below it (e.g. 4s for an app that closes idle connections"
                + " after 5 s, the Node.js default; Envoy keeps them 1 h otherwise), or raise the app's keep-alive"
                + " timeout above the proxy's (Node: server.keepAliveTimeout). Retrying on reset hides the rest.";
        return Optional.of(new Candidate(Cause.KEEPALIVE_RACE, confidence, evidence, remediation));
    }
}

package io.resetwatch.classify;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * APP_TIMEOUT (DOMAIN §10): something in the path (app server, in-pod proxy, load balancer) gives up after a fixed
 * time and closes the connection: UC connection_termination whose durations cluster at one large value, with no
 * lifecycle evidence.
 *
 * <p>Applies when some resets are UC/connection_termination, at least 2 durations are known, the median is ≥ 1 s
 * and ≥ 50 % lie within ±10 % of it.
 * Confidence = clustering × (0.45 + 0.35 × share of reset lines that are UC/connection_termination
 * + 0.2 × n/(n+3)) × (1 − 0.8 × share of resets on pods with lifecycle facts) × (1 − share of connect timeouts,
 * which cluster at the connect timeout instead).
 */
final class AppTimeoutRule implements CauseRule {

    static final long MIN_MEDIAN_MS = 1000;
    static final double MIN_CLUSTERING = 0.5;

    @Override
    public Optional<Candidate> evaluate(WindowContext ctx) {
        DurationStats d = ctx.window().resetDurations();
        long terminations = Math.max(ctx.flag("UC"), ctx.resetReasons(s -> s.equals("connection_termination")));
        if (d.count() < 2 || d.medianMs() < MIN_MEDIAN_MS || d.fractionNearMedian() < MIN_CLUSTERING
                || terminations <= 0) {
            return Optional.empty(); // the upstream side never closed a connection: no timeout of its own
        }
        long connectTimeouts = ctx.reasons(s -> s.contains("connection_timeout"));
        double ucShare = ctx.lineShare(terminations);
        double timeoutShare = ctx.lineShare(connectTimeouts);
        double lifecycle = ctx.lifecycleCoverage();
        double clustering = WindowContext.clamp(d.fractionNearMedian());

        List<Evidence> evidence = new ArrayList<>();
        long near = Math.round(clustering * d.count());
        evidence.add(WindowContext.aggregate("durations", near + " of " + d.count() + " reset durations ("
                + Text.percent(clustering) + ") lie within ±10 % of " + Text.millis(d.medianMs())
                + " (p10 " + Text.millis(d.p10Ms()) + ", p90 " + Text.millis(d.p90Ms())
                + "): something in the path gives up after a fixed " + Text.millis(d.medianMs())));
        if (terminations > 0) {
            evidence.add(WindowContext.aggregate("reset_reason", terminations + " resets are connection terminations"
                    + " (UC, " + Text.percent(ucShare) + " of reset lines): the upstream side closed the connection"));
        }
        if (lifecycle == 0) {
            evidence.add(WindowContext.aggregate("lifecycle", "no pod of the service restarted, stopped or lost its node"
                    + " around the window"));
        } else {
            evidence.add(WindowContext.aggregate("contradiction", Text.percent(lifecycle)
                    + " of the resets are on pods with lifecycle facts"));
        }
        long retries = ctx.flag("URX");
        if (retries > 0) {
            evidence.add(WindowContext.aggregate("flags", retries + " requests exhausted their retries (URX): the"
                    + " callers re-sent them, each waiting the full " + Text.millis(d.medianMs())));
        }
        if (timeoutShare > 0) {
            evidence.add(WindowContext.aggregate("contradiction", connectTimeouts
                    + " resets are connect timeouts, which cluster at the connect timeout, not at an application limit"));
        }
        double confidence = Confidence.round(clustering * (0.45 + 0.35 * ucShare + 0.2 * Confidence.sample(d.count()))
                * (1 - 0.8 * lifecycle) * (1 - timeoutShare));
        String remediation = "Find the component with a fixed " + Text.millis(d.medianMs()) + " timeout (app server,"
                + " in-pod proxy such as nginx, load balancer) and align it with the callers' VirtualService timeout:"
                + " set the VirtualService timeout below it so the mesh answers a clean 504 instead of a reset, or raise"
                + " the component's limit for slow endpoints; limit retries of non-idempotent methods (POST), which the"
                + " default retry policy re-sends.";
        return Optional.of(new Candidate(Cause.APP_TIMEOUT, confidence, evidence, remediation));
    }
}

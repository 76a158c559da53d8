package io.resetwatch.alert;

import io.resetwatch.classify.Classification;
import io.resetwatch.classify.Classifier;
import io.resetwatch.classify.WindowEvidence;
import io.resetwatch.config.Settings;
import io.resetwatch.config.Thresholds;
import io.resetwatch.model.Alert;
import io.resetwatch.window.Observation;
import io.resetwatch.window.WindowAggregate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The alert lifecycle of one upstream, as pure functions of its state, the observations and the (effective)
 * event time (CONTRACTS §4, §5):
 * <ul>
 *   <li>{@code firing} as soon as a window's burst threshold is crossed — the page does not wait for the close;</li>
 *   <li>re-evaluated at window end + look-ahead (the refined cause) and at window end + grace (final), emitting
 *       an update only on a material change (cause, severity, affected pods);</li>
 *   <li>a sustained low rate fires at the close of its N-th consecutive window;</li>
 *   <li>{@code resolved} after N closed windows under the resolve bar, counting windows with no traffic.</li>
 * </ul>
 */
public final class AlertEngine {

    private final Settings settings;
    private final Classifier classifier;
    private final Clock wallClock;
    private final EvidenceAssembler assembler;
    private final AlertFormatter formatter;
    private final long sizeMs;
    private final long graceMs;
    private final long lookAheadMs;

    public AlertEngine(Settings settings, Classifier classifier, Clock wallClock) {
        this.settings = settings;
        this.classifier = classifier;
        this.wallClock = wallClock;
        this.assembler = new EvidenceAssembler(settings);
        this.formatter = new AlertFormatter(settings);
        this.sizeMs = settings.windowSize().toMillis();
        this.graceMs = settings.grace().toMillis();
        this.lookAheadMs = settings.lookAhead().toMillis();
    }

    /** Result of adding one observation: the alerts to emit, or that it came too late for its window. */
    public record Step(List<TimedAlert> alerts, boolean late) {
        static final Step LATE = new Step(List.of(), true);
        static final Step NOTHING = new Step(List.of(), false);
    }

    public Step onObservation(UpstreamState state, Observation o, long effectiveTimeMs, FactLookup facts) {
        long start = Math.floorDiv(o.timeMs(), sizeMs) * sizeMs;
        long end = start + sizeMs;
        if (end + graceMs <= effectiveTimeMs || end <= state.lastClosedEndMs) {
            return Step.LATE;
        }
        if (state.upstreamCluster == null && o.upstreamCluster() != null && !o.inbound()) {
            state.upstreamCluster = o.upstreamCluster();
        }
        WindowAggregate window = state.windows.computeIfAbsent(start, s -> new WindowAggregate(s, s + sizeMs));
        boolean reset = window.add(o, settings.windowLimits());
        if (reset && !state.firing() && crossesBurst(state, window)) {
            return new Step(List.of(new TimedAlert(fire(state, window, o.timeMs(), facts), o.timeMs())), false);
        }
        return Step.NOTHING;
    }

    /** Moves the upstream to {@code effectiveTimeMs}: refines, closes windows, fires sustained rates, resolves. */
    public List<TimedAlert> advance(UpstreamState state, long effectiveTimeMs, FactLookup facts) {
        List<TimedAlert> out = new ArrayList<>();
        for (WindowAggregate window : List.copyOf(state.windows.values())) {
            long start = window.startMs();
            if (!state.refined.contains(start) && window.endMs() + lookAheadMs <= effectiveTimeMs) {
                state.refined.add(start);
                if (state.firing() && window.startMs() >= state.incidentWindowStartMs && active(state, window)) {
                    long at = window.endMs() + lookAheadMs;
                    update(state, window, at, facts).ifPresent(a -> out.add(new TimedAlert(a, at)));
                }
            }
            if (window.endMs() + graceMs <= effectiveTimeMs) {
                close(state, window, facts, out);
                state.windows.remove(start);
                state.refined.remove(start);
            }
        }
        // Silence counts too: a dead service sends nothing, and its incident must still resolve.
        while (state.firing() && state.lastClosedEndMs != Long.MIN_VALUE
                && state.lastClosedEndMs + sizeMs + graceMs <= effectiveTimeMs
                && !state.windows.containsKey(state.lastClosedEndMs)) {
            closeEmpty(state, out);
        }
        return out;
    }

    /** The earliest event time at which {@link #advance} has something to do; Long.MAX_VALUE if none. */
    public long nextDueMs(UpstreamState state) {
        long due = Long.MAX_VALUE;
        for (WindowAggregate window : state.windows.values()) {
            if (!state.refined.contains(window.startMs())) {
                due = Math.min(due, window.endMs() + lookAheadMs);
            }
            due = Math.min(due, window.endMs() + graceMs);
        }
        if (state.firing() && state.lastClosedEndMs != Long.MIN_VALUE) {
            due = Math.min(due, state.lastClosedEndMs + sizeMs + graceMs);
        }
        return due;
    }

    private void close(UpstreamState state, WindowAggregate window, FactLookup facts, List<TimedAlert> out) {
        while (state.lastClosedEndMs != Long.MIN_VALUE && state.lastClosedEndMs < window.startMs()) {
            closeEmpty(state, out);
        }
        Thresholds th = thresholds(state);
        long failed = window.uniqueFailedRequests();
        state.lastClosedEndMs = window.endMs();
        remember(state, failed, th);
        long eventTime = window.endMs() + graceMs;
        if (state.firing() && window.startMs() < state.incidentWindowStartMs) {
            return;
        }
        if (state.firing()) {
            if (failed < th.resolveBelowFailed()) {
                state.calmWindows++;
                if (state.calmWindows >= th.resolveWindows()) {
                    out.add(new TimedAlert(resolve(state, window, eventTime), eventTime));
                }
            } else {
                state.calmWindows = 0;
                update(state, window, eventTime, facts).ifPresent(a -> out.add(new TimedAlert(a, eventTime)));
            }
        } else if (crossesBurst(state, window) || sustained(state, th)) {
            out.add(new TimedAlert(fire(state, window, eventTime, facts), eventTime));
        }
    }

    private void closeEmpty(UpstreamState state, List<TimedAlert> out) {
        long start = state.lastClosedEndMs;
        state.lastClosedEndMs = start + sizeMs;
        Thresholds th = thresholds(state);
        remember(state, 0, th);
        if (state.firing() && start >= state.incidentWindowStartMs) {
            state.calmWindows++;
            if (state.calmWindows >= th.resolveWindows()) {
                long at = start + sizeMs + graceMs;
                out.add(new TimedAlert(resolve(state, new WindowAggregate(start, start + sizeMs), at), at));
            }
        }
    }

    private static void remember(UpstreamState state, long failed, Thresholds th) {
        state.recentFailed.add(failed);
        int keep = Math.max(th.sustainedWindows(), th.resolveWindows());
        while (state.recentFailed.size() > keep) {
            state.recentFailed.remove(0);
        }
    }

    private boolean crossesBurst(UpstreamState state, WindowAggregate window) {
        Thresholds th = thresholds(state);
        return window.uniqueFailedRequests() >= th.burstMinFailed() && window.resetRatio() >= th.burstMinRatio();
    }

    private static boolean sustained(UpstreamState state, Thresholds th) {
        List<Long> recent = state.recentFailed;
        if (recent.size() < th.sustainedWindows()) {
            return false;
        }
        for (int i = recent.size() - th.sustainedWindows(); i < recent.size(); i++) {
            if (recent.get(i) < th.sustainedMinFailed()) {
                return false;
            }
        }
        return true;
    }

    /** A window worth re-classifying while firing: it still has resets above the resolve bar. */
    private boolean active(UpstreamState state, WindowAggregate window) {
        return window.uniqueFailedRequests() >= thresholds(state).resolveBelowFailed();
    }

    private Alert fire(UpstreamState state, WindowAggregate window, long eventTimeMs, FactLookup facts) {
        state.status = Alert.FIRING;
        state.revision = 1;
        state.calmWindows = 0;
        state.startedAtMs = window.firstResetMs() == Long.MAX_VALUE ? eventTimeMs : window.firstResetMs();
        state.incidentWindowStartMs = window.startMs();
        Alert alert = build(state, window, eventTimeMs, facts, Alert.FIRING);
        state.lastAlert = alert;
        return alert;
    }

    private java.util.Optional<Alert> update(UpstreamState state, WindowAggregate window, long eventTimeMs,
                                             FactLookup facts) {
        Alert candidate = build(state, window, eventTimeMs, facts, Alert.FIRING);
        Alert last = state.lastAlert;
        if (last != null && !materiallyDifferent(last, candidate)) {
            return java.util.Optional.empty();
        }
        state.revision++;
        Alert alert = formatter.withRevision(candidate, state.revision);
        state.lastAlert = alert;
        return java.util.Optional.of(alert);
    }

    private Alert resolve(UpstreamState state, WindowAggregate calmWindow, long eventTimeMs) {
        state.status = Alert.RESOLVED;
        state.revision++;
        state.calmWindows = 0;
        Alert alert = formatter.resolved(state.lastAlert, state.revision, calmWindow, eventTimeMs,
                catchUp(eventTimeMs));
        state.lastAlert = alert;
        return alert;
    }

    static boolean materiallyDifferent(Alert a, Alert b) {
        return !a.cause().equals(b.cause())
                || !a.severity().equals(b.severity())
                || !podNames(a).equals(podNames(b));
    }

    private static List<String> podNames(Alert alert) {
        return alert.pods().stream().filter(p -> p.resets() > 0).map(Alert.AlertPod::name).sorted().toList();
    }

    private Alert build(UpstreamState state, WindowAggregate window, long eventTimeMs, FactLookup facts,
                        String status) {
        EvidenceAssembler.Assembled assembled = assembler.assemble(state, window, facts);
        WindowEvidence evidence = assembled.evidence();
        Classification classification = classifier.classify(evidence);
        String severity = severity(state, window);
        return formatter.firing(state, window, evidence, classification, assembled.podFacts(), severity,
                state.revision, eventTimeMs, catchUp(eventTimeMs));
    }

    private String severity(UpstreamState state, WindowAggregate window) {
        Thresholds th = thresholds(state);
        if (window.uniqueFailedRequests() >= th.burstMinFailed() && window.resetRatio() >= th.criticalRatio()) {
            return "critical";
        }
        return "warning";
    }

    private boolean catchUp(long eventTimeMs) {
        return wallClock.millis() - eventTimeMs > settings.pagingHorizon().toMillis();
    }

    private Thresholds thresholds(UpstreamState state) {
        return settings.thresholdsFor(state.namespace, state.service);
    }

    /** An alert with its event time, which becomes the record timestamp on the alerts topic. */
    public record TimedAlert(Alert alert, long timeMs) {
    }
}

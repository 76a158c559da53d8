package io.resetwatch.alert;

import io.resetwatch.attribute.ResetFamily;
import io.resetwatch.classify.Candidate;
import io.resetwatch.classify.Classification;
import io.resetwatch.classify.Evidence;
import io.resetwatch.classify.PodEvidence;
import io.resetwatch.classify.WindowEvidence;
import io.resetwatch.config.Settings;
import io.resetwatch.model.Alert;
import io.resetwatch.model.LifecycleFact;
import io.resetwatch.window.WindowAggregate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Turns a classified window into the alert record consumers see (CONTRACTS §4). */
final class AlertFormatter {

    private static final int MAX_PODS = 20;
    private static final int MAX_CANDIDATES = 3;
    private static final int MAX_FACTS_PER_POD = 5;

    private final Settings settings;

    AlertFormatter(Settings settings) {
        this.settings = settings;
    }

    Alert firing(UpstreamState state, WindowAggregate window, WindowEvidence evidence, Classification classification,
                 Map<String, List<LifecycleFact>> podFacts, String severity, int revision, long eventTimeMs,
                 boolean catchUp) {
        Candidate top = classification.top();
        List<Alert.AlertPod> pods = new ArrayList<>();
        for (PodEvidence pod : evidence.pods()) {
            if (pods.size() >= MAX_PODS) {
                break;
            }
            String name = pod.name() != null ? pod.name() : "ip:" + pod.ip();
            List<String> facts = podFacts.getOrDefault(pod.name(), List.of()).stream()
                    .limit(MAX_FACTS_PER_POD).map(AlertFormatter::describe).toList();
            pods.add(new Alert.AlertPod(name, pod.node(), pod.ip(), pod.requests(), pod.resets(), facts));
        }
        List<Alert.AlertCandidate> candidates = classification.candidates().stream()
                .limit(MAX_CANDIDATES)
                .map(c -> new Alert.AlertCandidate(c.cause().name(), round(c.confidence()), sentences(c)))
                .toList();
        Map<String, Long> resets = new TreeMap<>();
        window.flags().forEach((flag, n) -> {
            if (ResetFamily.isResetFlag(flag) || "URX".equals(flag)) {
                resets.put(flag, n);
            }
        });
        long affected = evidence.pods().stream().filter(p -> p.resets() > 0).count();
        String summary = String.format(Locale.ROOT,
                "%d failed requests (%s) of %d (%.1f%%) to %s.%s in %ds; %d pod(s); likely %s (%.0f%%)",
                window.uniqueFailedRequests(), String.join(",", resets.keySet()), window.requests(),
                window.resetRatio() * 100, state.service, state.namespace,
                (window.endMs() - window.startMs()) / 1000, affected, top.cause().name(), top.confidence() * 100);
        return new Alert(
                Alert.SCHEMA_VERSION,
                state.key,
                revision,
                Alert.FIRING,
                severity,
                top.cause().name(),
                round(top.confidence()),
                summary,
                state.k8sCluster,
                state.namespace,
                state.service,
                state.upstreamCluster,
                Instant.ofEpochMilli(window.startMs()),
                Instant.ofEpochMilli(window.endMs()),
                Instant.ofEpochMilli(state.startedAtMs),
                null,
                window.requests(),
                window.requestsOutbound(),
                window.requestsInbound(),
                resets,
                window.resets(),
                round(window.resetRatio()),
                window.uniqueFailedRequests(),
                pods,
                candidates,
                sentences(top),
                top.remediation(),
                catchUp);
    }

    Alert withRevision(Alert a, int revision) {
        return new Alert(a.schemaVersion(), a.alertKey(), revision, a.status(), a.severity(), a.cause(),
                a.confidence(), a.summary(), a.k8sCluster(), a.namespace(), a.service(), a.upstreamCluster(),
                a.windowStart(), a.windowEnd(), a.startedAt(), a.resolvedAt(), a.requests(), a.requestsOutbound(),
                a.requestsInbound(), a.resets(), a.resetsTotal(), a.resetRatio(), a.uniqueFailedRequests(),
                a.pods(), a.candidates(), a.evidence(), a.remediation(), a.catchUp());
    }

    /** The resolved record keeps the incident's cause and evidence, with the calm window's counts. */
    Alert resolved(Alert last, int revision, WindowAggregate calm, long eventTimeMs, boolean catchUp) {
        Instant resolvedAt = Instant.ofEpochMilli(calm.endMs());
        String summary = String.format(Locale.ROOT, "resolved: %s.%s below the resolve threshold for %d windows; was %s",
                last.service(), last.namespace(), settings.thresholdsFor(last.namespace(), last.service()).resolveWindows(),
                last.cause());
        return new Alert(last.schemaVersion(), last.alertKey(), revision, Alert.RESOLVED, last.severity(),
                last.cause(), last.confidence(), summary, last.k8sCluster(), last.namespace(), last.service(),
                last.upstreamCluster(), Instant.ofEpochMilli(calm.startMs()), Instant.ofEpochMilli(calm.endMs()),
                last.startedAt(), resolvedAt, calm.requests(), calm.requestsOutbound(), calm.requestsInbound(),
                Map.of(), calm.resets(), round(calm.resetRatio()), calm.uniqueFailedRequests(), last.pods(),
                last.candidates(), last.evidence(), last.remediation(), catchUp);
    }

    private List<String> sentences(Candidate candidate) {
        return candidate.evidence().stream().limit(settings.maxEvidenceItems()).map(Evidence::detail).toList();
    }

    static String describe(LifecycleFact fact) {
        StringBuilder sb = new StringBuilder();
        sb.append(fact.time()).append(' ').append(fact.type());
        if (fact.container() != null) {
            sb.append(" container=").append(fact.container());
        }
        if (fact.reason() != null) {
            sb.append(" reason=").append(fact.reason());
        }
        if (fact.exitCode() != null) {
            sb.append(" exit=").append(fact.exitCode());
        }
        if (fact.message() != null) {
            String message = fact.message();
            sb.append(": ").append(message.length() > 200 ? message.substring(0, 200) + "…" : message);
        }
        return sb.toString();
    }

    private static double round(double v) {
        return Math.round(v * 1000.0) / 1000.0;
    }
}

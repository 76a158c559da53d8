package io.resetwatch.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One record on the alerts topic (CONTRACTS §4, schemas/alert.schema.json). Keyed by {@code alertKey}; the
 * record timestamp is the alert's event time. Counters stay at the top level so Grafana's Kafka data source
 * turns them into series.
 *
 * @param alertKey   stable per upstream: {@code <k8s_cluster>/<namespace>/<service>}
 * @param revision   1 for the first {@code firing} record of an incident, +1 per later record of it
 * @param status     firing | resolved
 * @param severity   critical | warning | info
 * @param startedAt  when the incident's first window crossed the threshold
 * @param resolvedAt when it resolved; null while firing
 * @param resets     per reset-family flag, lines in the window (both sides)
 * @param evidence   the top candidate's evidence as sentences
 * @param catchUp    emitted while processing a backlog older than the paging horizon: do not page
 */
public record Alert(
        int schemaVersion,
        String alertKey,
        int revision,
        String status,
        String severity,
        String cause,
        double confidence,
        String summary,
        String k8sCluster,
        String namespace,
        String service,
        String upstreamCluster,
        Instant windowStart,
        Instant windowEnd,
        Instant startedAt,
        Instant resolvedAt,
        long requests,
        long requestsOutbound,
        long requestsInbound,
        Map<String, Long> resets,
        long resetsTotal,
        double resetRatio,
        long uniqueFailedRequests,
        List<AlertPod> pods,
        List<AlertCandidate> candidates,
        List<String> evidence,
        String remediation,
        boolean catchUp) {

    public static final int SCHEMA_VERSION = 1;
    public static final String FIRING = "firing";
    public static final String RESOLVED = "resolved";

    public Alert {
        resets = resets == null ? Map.of() : Map.copyOf(resets);
        pods = pods == null ? List.of() : List.copyOf(pods);
        candidates = candidates == null ? List.of() : List.copyOf(candidates);
        evidence = evidence == null ? List.of() : List.copyOf(evidence);
    }

    public boolean firing() {
        return FIRING.equals(status);
    }

    /** An affected pod with its counts and the lifecycle facts matched to it. */
    public record AlertPod(String name, String node, String ip, long requests, long resets, List<String> facts) {
        public AlertPod {
            facts = facts == null ? List.of() : List.copyOf(facts);
        }
    }

    /** A ranked cause with its evidence sentences. */
    public record AlertCandidate(String cause, double confidence, List<String> evidence) {
        public AlertCandidate {
            evidence = evidence == null ? List.of() : List.copyOf(evidence);
        }
    }
}

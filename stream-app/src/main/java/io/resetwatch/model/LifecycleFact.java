package io.resetwatch.model;

import java.time.Instant;
import java.util.Map;

/**
 * One normalized pod-lifecycle fact (schemas/lifecycle-fact.schema.json), with the evidence an alert cites.
 *
 * @param time        event time (CONTRACTS §2)
 * @param firstTime   start of the interval an aggregated Event covers ({@code firstTimestamp}); else = time
 * @param lastTime    end of that interval ({@code lastTimestamp}); else = time
 * @param count       occurrences the source reports (Event {@code count}), 1 otherwise
 * @param source      core-v1-event, events-k8s-io-v1, exporter-event, eventrouter, pod-watch, pod, envelope
 * @param podName     for OWNER facts like {@code POD_DELETED_BY_OWNER}, the pod named in the message
 * @param message     verbatim message, cut to 1 KiB, query strings removed
 * @param labels      workload-identifying labels of the pod, when the source has them
 */
public record LifecycleFact(
        FactType type,
        FactScope scope,
        String k8sCluster,
        String namespace,
        String podName,
        String podUid,
        String node,
        String ownerKind,
        String ownerName,
        String container,
        Instant time,
        Instant firstTime,
        Instant lastTime,
        int count,
        String reason,
        String message,
        Integer exitCode,
        Integer signal,
        Integer restartCount,
        String podIp,
        Long gracePeriodSeconds,
        String memoryLimit,
        Map<String, String> labels,
        String source) {

    public LifecycleFact {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        if (firstTime == null) {
            firstTime = time;
        }
        if (lastTime == null) {
            lastTime = time;
        }
        if (count < 1) {
            count = 1;
        }
    }

    /** The key facts are partitioned and looked up by: {@code pod:<uid>}, {@code pod:<ns>/<name>}, {@code node:<name>}, {@code owner:<ns>/<kind>/<name>}. */
    public String subjectKey() {
        return switch (scope) {
            case POD -> podUid != null ? "pod:" + podUid : "pod:" + namespace + "/" + podName;
            case NODE -> "node:" + node;
            case OWNER -> "owner:" + namespace + "/" + ownerKind + "/" + ownerName;
        };
    }
}

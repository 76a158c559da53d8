package io.resetwatch.window;

import java.util.List;

/**
 * What one access-log line contributes to its upstream's window: small on purpose, since it is what crosses
 * the repartition topic. Only reset lines keep a request id.
 *
 * @param timeMs   event time: the line's end time (CONTRACTS §2)
 * @param inbound  written by the upstream's own sidecar (reporter=destination)
 * @param podName  the upstream pod when the line names it (inbound: the writer, from the envelope)
 * @param ip       the upstream pod's IP: outbound lines' upstream host, inbound lines' writer IP
 * @param durationMs -1 when unknown
 */
public record Observation(
        String upstreamKey,
        String k8sCluster,
        String namespace,
        String service,
        String upstreamCluster,
        boolean inbound,
        long timeMs,
        List<String> flags,
        boolean reset,
        String resetReason,
        String transportFailure,
        int responseCode,
        long durationMs,
        String podNamespace,
        String podName,
        String podUid,
        String node,
        String ip,
        String requestId) {

    public Observation {
        flags = flags == null ? List.of() : List.copyOf(flags);
    }
}

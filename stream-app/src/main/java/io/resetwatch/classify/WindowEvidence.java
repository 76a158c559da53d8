package io.resetwatch.classify;

import io.resetwatch.model.LifecycleFact;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything the classifier may look at for one upstream and one window: the traffic counts and the
 * lifecycle facts joined from {@code windowStart − lookBack} to {@code windowEnd + lookAhead}.
 *
 * @param requestsOutbound     requests seen by callers' sidecars (reporter=source)
 * @param requestsInbound      requests seen by the upstream's own sidecars (reporter=destination)
 * @param flagCounts           every flag (reset family and context) counted once per line
 * @param resetsOutbound       reset-family lines from callers' sidecars
 * @param resetsInbound        reset-family lines from the upstream's sidecars
 * @param uniqueFailedRequests reset-family requests, counting a request id seen on both sides once
 * @param resetDurations       durations of reset-family lines
 * @param resetReasons         reset reason (inside the details braces, or the details value) per count
 * @param transportFailures    transport failure reasons per count
 * @param responseCodes        response codes of reset-family lines per count
 * @param pods                 pods with traffic in the window, resets first
 * @param servicePodCount      pods known for the service (pod feed / inbound envelopes); 0 when unknown
 * @param facts                lifecycle facts of the touched pods, the service's other pods, their nodes and owners
 */
public record WindowEvidence(
        String namespace,
        String service,
        String upstreamCluster,
        Instant windowStart,
        Instant windowEnd,
        long requestsOutbound,
        long requestsInbound,
        Map<String, Long> flagCounts,
        long resetsOutbound,
        long resetsInbound,
        long uniqueFailedRequests,
        DurationStats resetDurations,
        Map<String, Long> resetReasons,
        Map<String, Long> transportFailures,
        Map<Integer, Long> responseCodes,
        List<PodEvidence> pods,
        int servicePodCount,
        List<LifecycleFact> facts) {

    public WindowEvidence {
        flagCounts = flagCounts == null ? Map.of() : Map.copyOf(flagCounts);
        resetReasons = resetReasons == null ? Map.of() : Map.copyOf(resetReasons);
        transportFailures = transportFailures == null ? Map.of() : Map.copyOf(transportFailures);
        responseCodes = responseCodes == null ? Map.of() : Map.copyOf(responseCodes);
        pods = pods == null ? List.of() : List.copyOf(pods);
        facts = facts == null ? List.of() : List.copyOf(facts);
        if (resetDurations == null) {
            resetDurations = DurationStats.EMPTY;
        }
    }

    public long requests() {
        return Math.max(requestsOutbound, requestsInbound);
    }

    public long flag(String flag) {
        return flagCounts.getOrDefault(flag, 0L);
    }
}

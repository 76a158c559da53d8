package io.resetwatch.window;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One upstream's counts for one event-time window. It lives inside the upstream's state entry and is updated
 * on a freshly deserialized copy, so mutating it in place is the same as returning a new value — and avoids
 * copying maps for every line. Bounded whatever the traffic: pods and failed request ids are capped.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
public final class WindowAggregate {

    long startMs;
    long endMs;
    long requestsOutbound;
    long requestsInbound;
    long resetsOutbound;
    long resetsInbound;
    long firstResetMs = Long.MAX_VALUE;
    long lastResetMs = Long.MIN_VALUE;
    final TreeMap<String, Long> flags = new TreeMap<>();
    final TreeMap<String, Long> resetReasons = new TreeMap<>();
    final TreeMap<String, Long> transportFailures = new TreeMap<>();
    final TreeMap<Integer, Long> responseCodes = new TreeMap<>();
    final DurationHistogram resetDurations = new DurationHistogram();
    final TreeSet<String> failedRequestIds = new TreeSet<>();
    boolean failedRequestIdsCapped;
    long failedWithoutIdOutbound;
    long failedWithoutIdInbound;
    final TreeMap<String, PodCounts> pods = new TreeMap<>();
    long podsDropped;
    final TreeSet<String> sampleRequestIds = new TreeSet<>();

    WindowAggregate() {
    }

    public WindowAggregate(long startMs, long endMs) {
        this.startMs = startMs;
        this.endMs = endMs;
    }

    /** Adds one line. Returns true when the line was a reset (the caller then re-checks thresholds). */
    public boolean add(Observation o, WindowLimits limits) {
        if (o.inbound()) {
            requestsInbound++;
        } else {
            requestsOutbound++;
        }
        for (String flag : o.flags()) {
            flags.merge(flag, 1L, Long::sum);
        }
        PodCounts pod = podFor(o, limits);
        if (pod != null) {
            pod.add(o);
        }
        if (!o.reset()) {
            return false;
        }
        if (o.inbound()) {
            resetsInbound++;
        } else {
            resetsOutbound++;
        }
        firstResetMs = Math.min(firstResetMs, o.timeMs());
        lastResetMs = Math.max(lastResetMs, o.timeMs());
        if (o.resetReason() != null) {
            resetReasons.merge(o.resetReason(), 1L, Long::sum);
        }
        if (o.transportFailure() != null) {
            transportFailures.merge(o.transportFailure(), 1L, Long::sum);
        }
        responseCodes.merge(o.responseCode(), 1L, Long::sum);
        resetDurations.add(o.durationMs());
        countFailedRequest(o, limits);
        return true;
    }

    private PodCounts podFor(Observation o, WindowLimits limits) {
        String key = o.podName() != null ? "pod:" + o.podNamespace() + "/" + o.podName()
                : o.ip() != null ? "ip:" + o.ip() : null;
        if (key == null) {
            return null;
        }
        PodCounts pod = pods.get(key);
        if (pod == null) {
            if (pods.size() >= limits.maxPodsPerWindow()) {
                podsDropped++;
                return null;
            }
            pod = new PodCounts();
            pods.put(key, pod);
        }
        return pod;
    }

    /** A request id seen on both sides of one request is one failed request (CONTRACTS §3). */
    private void countFailedRequest(Observation o, WindowLimits limits) {
        String id = o.requestId();
        if (id == null) {
            if (o.inbound()) {
                failedWithoutIdInbound++;
            } else {
                failedWithoutIdOutbound++;
            }
            return;
        }
        if (sampleRequestIds.size() < limits.sampleRequestIds()) {
            sampleRequestIds.add(id);
        }
        if (failedRequestIds.size() < limits.maxFailedRequestIds()) {
            failedRequestIds.add(id);
        } else if (!failedRequestIds.contains(id)) {
            failedRequestIdsCapped = true;
        }
    }

    public long uniqueFailedRequests() {
        if (failedRequestIdsCapped) {
            return Math.max(resetsOutbound, resetsInbound);
        }
        return failedRequestIds.size() + Math.max(failedWithoutIdOutbound, failedWithoutIdInbound);
    }

    public long requests() {
        return Math.max(requestsOutbound, requestsInbound);
    }

    public long resets() {
        return resetsOutbound + resetsInbound;
    }

    /** Unique failed requests over requests (the larger side's count, so neither side double counts). */
    public double resetRatio() {
        long requests = requests();
        return requests == 0 ? 0.0 : Math.min(1.0, (double) uniqueFailedRequests() / requests);
    }

    public long startMs() {
        return startMs;
    }

    public long endMs() {
        return endMs;
    }

    public long requestsOutbound() {
        return requestsOutbound;
    }

    public long requestsInbound() {
        return requestsInbound;
    }

    public long resetsOutbound() {
        return resetsOutbound;
    }

    public long resetsInbound() {
        return resetsInbound;
    }

    public long firstResetMs() {
        return firstResetMs;
    }

    public TreeMap<String, Long> flags() {
        return flags;
    }

    public TreeMap<String, Long> resetReasons() {
        return resetReasons;
    }

    public TreeMap<String, Long> transportFailures() {
        return transportFailures;
    }

    public TreeMap<Integer, Long> responseCodes() {
        return responseCodes;
    }

    public DurationHistogram resetDurations() {
        return resetDurations;
    }

    public TreeMap<String, PodCounts> pods() {
        return pods;
    }

    public TreeSet<String> sampleRequestIds() {
        return sampleRequestIds;
    }
}

package io.resetwatch.classify;

import io.resetwatch.model.LifecycleFact;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Test data: one window of service {@code checkout} in namespace {@code shop}, from {@link #WINDOW_START} for 60 s.
 * Flag counts and reset totals are summed from the pods unless more are added; reset lines count as inbound
 * (the upstream's own sidecar) unless {@link #outbound()} is called.
 */
final class WindowEvidenceBuilder {

    static final String NAMESPACE = "shop";
    static final String SERVICE = "checkout";
    static final Instant WINDOW_START = Instant.parse("2025-03-04T10:15:00Z");
    static final Instant WINDOW_END = WINDOW_START.plusSeconds(60);

    private String upstreamCluster = "outbound|8080||checkout.shop.svc.cluster.local";
    private Long requests;
    private boolean outbound;
    private long podlessResets;
    private final Map<String, Long> extraFlags = new LinkedHashMap<>();
    private final Map<String, Long> resetReasons = new LinkedHashMap<>();
    private final Map<String, Long> transportFailures = new LinkedHashMap<>();
    private DurationStats durations = DurationStats.EMPTY;
    private final List<PodBuilder> pods = new ArrayList<>();
    private int servicePodCount;
    private final List<LifecycleFact> facts = new ArrayList<>();

    static WindowEvidenceBuilder window() {
        return new WindowEvidenceBuilder();
    }

    /** The window's start plus (or minus) seconds. */
    static Instant at(int seconds) {
        return WINDOW_START.plusSeconds(seconds);
    }

    WindowEvidenceBuilder pods(PodBuilder... pods) {
        this.pods.addAll(List.of(pods));
        return this;
    }

    /** Total requests; default: the pods' requests. */
    WindowEvidenceBuilder requests(long requests) {
        this.requests = requests;
        return this;
    }

    WindowEvidenceBuilder outbound() {
        this.outbound = true;
        return this;
    }

    WindowEvidenceBuilder upstreamCluster(String cluster) {
        this.upstreamCluster = cluster;
        return this;
    }

    /** Reset lines attributed to the service but to no pod (UO/UH with upstream host "-"). */
    WindowEvidenceBuilder serviceResets(long count, String flag) {
        this.podlessResets += count;
        this.extraFlags.merge(flag, count, Long::sum);
        return this;
    }

    /** Context flags (UT, DC, URX) that are not resets. */
    WindowEvidenceBuilder flag(String flag, long count) {
        this.extraFlags.merge(flag, count, Long::sum);
        return this;
    }

    WindowEvidenceBuilder resetReason(String reason, long count) {
        this.resetReasons.merge(reason, count, Long::sum);
        return this;
    }

    WindowEvidenceBuilder transportFailure(String reason, long count) {
        this.transportFailures.merge(reason, count, Long::sum);
        return this;
    }

    WindowEvidenceBuilder durations(long count, long medianMs, long p10Ms, long p90Ms, double fractionNearMedian) {
        this.durations = new DurationStats(count, medianMs, p10Ms, p90Ms, fractionNearMedian);
        return this;
    }

    WindowEvidenceBuilder servicePods(int count) {
        this.servicePodCount = count;
        return this;
    }

    WindowEvidenceBuilder facts(FactBuilder... facts) {
        for (FactBuilder f : facts) {
            this.facts.add(f.build());
        }
        return this;
    }

    WindowEvidence build() {
        Map<String, Long> flags = new LinkedHashMap<>(extraFlags);
        long resets = podlessResets;
        long podRequests = 0;
        List<PodEvidence> built = new ArrayList<>();
        for (PodBuilder p : pods) {
            p.flags().forEach((flag, n) -> flags.merge(flag, n, Long::sum));
            resets += p.resets();
            podRequests += p.requests();
            built.add(p.build());
        }
        long total = requests != null ? requests : Math.max(podRequests, resets);
        return new WindowEvidence(NAMESPACE, SERVICE, upstreamCluster, WINDOW_START, WINDOW_END,
                outbound ? total : 0, outbound ? 0 : total, flags,
                outbound ? resets : 0, outbound ? 0 : resets, resets,
                durations, resetReasons, transportFailures, Map.of(503, resets), built,
                servicePodCount, facts);
    }
}

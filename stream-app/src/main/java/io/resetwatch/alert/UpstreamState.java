package io.resetwatch.alert;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.resetwatch.model.Alert;
import io.resetwatch.window.WindowAggregate;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Everything kept per upstream: its open windows, the recent closed windows' counts (for sustained rates and
 * hysteresis) and its incident. Bounded by windows-in-grace × pods, never by traffic. Updated in place on a
 * freshly deserialized copy, then written back.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
public final class UpstreamState {

    String key;
    String k8sCluster;
    String namespace;
    String service;
    String upstreamCluster;
    final TreeMap<Long, WindowAggregate> windows = new TreeMap<>();
    /** Window starts already evaluated at end + look-ahead. */
    final TreeSet<Long> refined = new TreeSet<>();
    /** Failed-request counts of the most recent closed windows, oldest first. */
    final List<Long> recentFailed = new ArrayList<>();
    long lastClosedEndMs = Long.MIN_VALUE;
    /** The incident: null status = never fired. */
    String status;
    int revision;
    long startedAtMs;
    /**
     * Start of the window the incident fired in. Windows before it may still be open (within their grace)
     * when the page goes out; their closing is no sign of recovery and must not count toward the resolve.
     */
    long incidentWindowStartMs;
    int calmWindows;
    Alert lastAlert;
    /** The due-index entry currently registered for this upstream (Long.MAX_VALUE: none). */
    long scheduledDueMs = Long.MAX_VALUE;

    UpstreamState() {
    }

    public UpstreamState(String key, String k8sCluster, String namespace, String service) {
        this.key = key;
        this.k8sCluster = k8sCluster;
        this.namespace = namespace;
        this.service = service;
    }

    public boolean firing() {
        return Alert.FIRING.equals(status);
    }

    public Alert lastAlert() {
        return lastAlert;
    }

    public long scheduledDueMs() {
        return scheduledDueMs;
    }

    public void scheduledDueMs(long dueMs) {
        this.scheduledDueMs = dueMs;
    }

    public String key() {
        return key;
    }

    /** True when nothing is left to remember: no open window, no incident, no recent resets. */
    public boolean idle() {
        return windows.isEmpty() && !firing() && recentFailed.stream().allMatch(n -> n == 0);
    }
}

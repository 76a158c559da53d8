package io.resetwatch.forward;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.resetwatch.model.Alert;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Maps an alert record to Alertmanager's {@code postableAlert} (API v2).
 *
 * <p>Labels identify the alert, so they hold only what is stable per upstream incident: no pod (pods come and
 * go within one incident and would split it into many alerts; they are named in an annotation instead). A
 * {@code catch_up} alert gets {@code severity=info} and a {@code catch_up} annotation so that routes can keep
 * it away from pagers.
 */
public final class AlertmanagerPayload {

    public static final String ALERTNAME = "UpstreamReset";
    static final int ANNOTATION_MAX_CHARS = 1024;
    static final int EVIDENCE_SENTENCES = 3;
    static final int PODS_NAMED = 5;

    /** One element of the array {@code POST /api/v2/alerts} takes. Field names are Alertmanager's own. */
    public record PostableAlert(
            @JsonProperty("labels") Map<String, String> labels,
            @JsonProperty("annotations") Map<String, String> annotations,
            @JsonProperty("startsAt") String startsAt,
            @JsonProperty("endsAt") String endsAt) {

        /** The same alert (same label set) ending at {@code endsAt}. */
        public PostableAlert endingAt(Instant endsAt) {
            return new PostableAlert(labels, annotations, startsAt, rfc3339(endsAt));
        }
    }

    private AlertmanagerPayload() {
    }

    /**
     * @param now     the clock's reading when sending
     * @param horizon how far ahead a firing alert's {@code endsAt} is set; re-sends move it forward, so
     *                Alertmanager only lets the alert lapse if resetwatch stops sending it
     */
    public static PostableAlert toPostable(Alert alert, Instant now, Duration horizon) {
        Instant startsAt = firstNonNull(alert.startedAt(), alert.windowStart(), now);
        Instant endsAt;
        if (alert.firing()) {
            endsAt = now.plus(horizon);
        } else {
            // An explicit end: Alertmanager shows the alert resolved at once instead of waiting for expiry.
            endsAt = firstNonNull(alert.resolvedAt(), now, now);
        }
        if (endsAt.isBefore(startsAt)) {
            endsAt = startsAt; // Alertmanager refuses an end before the start
        }
        return new PostableAlert(labels(alert), annotations(alert), rfc3339(startsAt), rfc3339(endsAt));
    }

    static Map<String, String> labels(Alert alert) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("alertname", ALERTNAME);
        putIfPresent(labels, "k8s_cluster", alert.k8sCluster());
        putIfPresent(labels, "namespace", alert.namespace());
        putIfPresent(labels, "service", alert.service());
        putIfPresent(labels, "cause", alert.cause());
        labels.put("severity", alert.catchUp() ? "info" : orDefault(alert.severity(), "warning"));
        return labels;
    }

    static Map<String, String> annotations(Alert alert) {
        Map<String, String> annotations = new LinkedHashMap<>();
        putIfPresent(annotations, "summary", cap(alert.summary()));
        putIfPresent(annotations, "remediation", cap(alert.remediation()));
        putIfPresent(annotations, "evidence", cap(String.join(" ",
                alert.evidence().stream().limit(EVIDENCE_SENTENCES).toList())));
        putIfPresent(annotations, "pods", cap(podDigest(alert.pods())));
        annotations.put("alert_key", cap(alert.alertKey()));
        annotations.put("revision", Integer.toString(alert.revision()));
        if (alert.catchUp()) {
            annotations.put("catch_up", "Emitted while resetwatch caught up on a backlog older than its paging"
                    + " horizon; informational, not paged.");
        }
        return annotations;
    }

    private static String podDigest(List<Alert.AlertPod> pods) {
        if (pods.isEmpty()) {
            return null;
        }
        String named = pods.stream().limit(PODS_NAMED)
                .map(pod -> pod.name() + " (" + pod.resets() + " resets)")
                .collect(Collectors.joining(", "));
        return pods.size() > PODS_NAMED ? named + " and " + (pods.size() - PODS_NAMED) + " more" : named;
    }

    static String cap(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        return text.length() <= ANNOTATION_MAX_CHARS ? text : text.substring(0, ANNOTATION_MAX_CHARS - 1) + "…";
    }

    static String rfc3339(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MILLIS).toString();
    }

    private static void putIfPresent(Map<String, String> map, String name, String value) {
        if (value != null && !value.isBlank()) {
            map.put(name, value);
        }
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }

    @SafeVarargs
    private static <T> T firstNonNull(T... values) {
        for (T value : values) {
            if (value != null) {
                return value;
            }
        }
        return null;
    }
}

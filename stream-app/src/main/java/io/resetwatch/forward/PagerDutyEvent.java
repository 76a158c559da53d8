package io.resetwatch.forward;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.resetwatch.model.Alert;
import io.resetwatch.serde.Json;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A PagerDuty Events API v2 event ({@code POST /v2/enqueue}) built from an alert record.
 *
 * <p>{@code dedup_key} is the alert key, so every revision of an incident updates one PagerDuty alert and the
 * resolved record closes it. A {@code catch_up} alert is sent with severity {@code info}: with the service's
 * urgency set to follow severity (PagerDuty's "dynamic notifications"), info never pages.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PagerDutyEvent(String routingKey, String eventAction, String dedupKey, Payload payload,
                             String client) {

    /** PagerDuty refuses bodies above 512 KB; stay clear of it. */
    public static final int MAX_BODY_BYTES = 500 * 1024;
    public static final int MAX_SUMMARY_CHARS = 1024;
    static final int MAX_DEDUP_KEY_CHARS = 255;
    static final int FEW = 20;
    static final int SENTENCE_MAX_CHARS = 1000;

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Payload(String summary, String source, String severity, Instant timestamp, String component,
                          String group, @JsonProperty("class") String cause,
                          Map<String, Object> customDetails) {
    }

    @Override
    public String toString() {
        return "PagerDutyEvent[" + eventAction + " " + dedupKey + "]"; // never the routing key
    }

    /** Trigger for a firing record, resolve for a resolved one. */
    public static PagerDutyEvent of(Alert alert, String routingKey) {
        String dedupKey = dedupKey(alert.alertKey());
        if (!alert.firing()) {
            return new PagerDutyEvent(routingKey, "resolve", dedupKey, null, "resetwatch");
        }
        return new PagerDutyEvent(routingKey, "trigger", dedupKey, payload(alert, details(alert, Integer.MAX_VALUE)),
                "resetwatch");
    }

    /** The JSON body, with details cut down until it fits {@link #MAX_BODY_BYTES}. */
    public byte[] toJsonBytes(Alert alert) {
        byte[] body = write(this);
        if (body.length <= MAX_BODY_BYTES || payload == null) {
            return body;
        }
        body = write(withDetails(details(alert, FEW)));
        if (body.length <= MAX_BODY_BYTES) {
            return body;
        }
        return write(withDetails(details(alert, 0)));
    }

    private PagerDutyEvent withDetails(Map<String, Object> details) {
        Payload p = payload;
        return new PagerDutyEvent(routingKey, eventAction, dedupKey,
                new Payload(p.summary(), p.source(), p.severity(), p.timestamp(), p.component(), p.group(), p.cause(),
                        details), client);
    }

    static Payload payload(Alert alert, Map<String, Object> details) {
        String source = String.join("/", nonNull(alert.k8sCluster()), nonNull(alert.namespace()),
                nonNull(alert.service()));
        Instant timestamp = alert.windowEnd() != null ? alert.windowEnd() : alert.startedAt();
        return new Payload(summary(alert), source, severity(alert), timestamp, alert.service(), alert.namespace(),
                alert.cause(), details);
    }

    static String severity(Alert alert) {
        if (alert.catchUp()) {
            return "info";
        }
        return switch (nonNull(alert.severity())) {
            case "critical" -> "critical";
            case "info" -> "info";
            default -> "warning";
        };
    }

    static String summary(Alert alert) {
        String summary = alert.summary() == null || alert.summary().isBlank()
                ? "Upstream resets on " + alert.namespace() + "/" + alert.service() + " (" + alert.cause() + ")"
                : alert.summary();
        if (alert.catchUp()) {
            summary = "[catch-up, not paged] " + summary;
        }
        return cut(summary, MAX_SUMMARY_CHARS);
    }

    /**
     * Counts always; pods, candidates and evidence up to {@code few} entries each ({@code 0} drops them), each
     * sentence capped, so one huge incident cannot exceed PagerDuty's body limit.
     */
    static Map<String, Object> details(Alert alert, int few) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("alert_key", alert.alertKey());
        details.put("revision", alert.revision());
        details.put("cause", alert.cause());
        details.put("confidence", alert.confidence());
        details.put("upstream_cluster", alert.upstreamCluster());
        details.put("window_start", alert.windowStart());
        details.put("window_end", alert.windowEnd());
        details.put("started_at", alert.startedAt());
        details.put("requests", alert.requests());
        details.put("resets", alert.resets());
        details.put("resets_total", alert.resetsTotal());
        details.put("reset_ratio", alert.resetRatio());
        details.put("unique_failed_requests", alert.uniqueFailedRequests());
        details.put("pods_affected", alert.pods().size());
        details.put("catch_up", alert.catchUp());
        details.put("remediation", cut(alert.remediation(), SENTENCE_MAX_CHARS));
        if (few > 0) {
            details.put("pods", alert.pods().stream().limit(few).map(pod -> {
                Map<String, Object> p = new LinkedHashMap<>();
                p.put("name", pod.name());
                p.put("node", pod.node());
                p.put("ip", pod.ip());
                p.put("requests", pod.requests());
                p.put("resets", pod.resets());
                p.put("facts", capAll(pod.facts(), few));
                return p;
            }).toList());
            details.put("evidence", capAll(alert.evidence(), few));
        }
        return details;
    }

    static String dedupKey(String alertKey) {
        if (alertKey.length() <= MAX_DEDUP_KEY_CHARS) {
            return alertKey;
        }
        // Still stable per incident: a readable head plus a hash of the whole key.
        return alertKey.substring(0, MAX_DEDUP_KEY_CHARS - 65) + "#" + sha256(alertKey);
    }

    private static List<String> capAll(List<String> sentences, int few) {
        return sentences.stream().limit(few).map(s -> cut(s, SENTENCE_MAX_CHARS)).toList();
    }

    private static String cut(String text, int maxChars) {
        if (text == null || text.length() <= maxChars) {
            return text;
        }
        return text.substring(0, maxChars - 1) + "…";
    }

    private static String nonNull(String value) {
        return value == null ? "" : value;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] write(PagerDutyEvent event) {
        try {
            return Json.mapper().writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize PagerDuty event", e);
        }
    }
}

package io.resetwatch.lifecycle;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import io.resetwatch.lifecycle.EventFacts.Dialect;
import io.resetwatch.lifecycle.EventFacts.ParsedEvent;
import io.resetwatch.lifecycle.LifecycleOutcome.Facts;
import io.resetwatch.lifecycle.LifecycleOutcome.PodObserved;
import io.resetwatch.lifecycle.LifecycleOutcome.Rejected;
import io.resetwatch.lifecycle.LifecycleOutcome.Skipped;
import io.resetwatch.model.LifecycleFact;
import io.resetwatch.serde.Json;
import java.io.IOException;
import java.util.List;

/**
 * Pod-lifecycle record values → {@link LifecycleOutcome} (DOMAIN §7). Detects the shape:
 * <ul>
 *   <li>{@code eventrouter}: heptiolabs eventrouter {@code {"verb", "event", "old_event"}};</li>
 *   <li>{@code pod-watch}: {@code {"type": ADDED|MODIFIED|DELETED, "object": Pod}} (a watched Event object is
 *       parsed as that Event, with the Event's format);</li>
 *   <li>{@code events-k8s-io-v1}: {@code regarding}/{@code note}/{@code reportingController}/{@code deprecated*};</li>
 *   <li>{@code exporter-event}: a core/v1 Event with kubernetes-event-exporter's {@code clusterName} or enriched
 *       {@code involvedObject} (labels, annotations, ownerReferences, deleted);</li>
 *   <li>{@code core-v1-event}: {@code involvedObject}, or a reason with message/timestamps/count;</li>
 *   <li>{@code pod}: a Pod object, full or partial (status only, or one container status).</li>
 * </ul>
 * Never throws: anything unreadable is {@link Rejected} with a one-line reason that names the field, not its value.
 */
public final class LifecycleParser {

    public static final String EXPORTER_EVENT = "exporter-event";
    public static final String CORE_V1_EVENT = "core-v1-event";
    public static final String EVENTS_K8S_IO_V1 = "events-k8s-io-v1";
    public static final String EVENTROUTER = "eventrouter";
    public static final String POD_WATCH = "pod-watch";
    public static final String POD = "pod";
    public static final String UNKNOWN = "unknown";

    private static final String SKIP_NOT_A_POD = "watch object is not a Pod";
    private static final String SKIP_WATCH_CONTROL = "watch BOOKMARK or ERROR record";
    private static final String SKIP_EVENT_DELETED = "event object deleted (TTL expiry)";
    private static final String SKIP_REPEAT = "eventrouter update without new occurrences";
    private static final String SKIP_TOMBSTONE = "tombstone (null value)";

    private final ObjectReader reader = Json.mapper().reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    public LifecycleOutcome parse(byte[] value, long recordTimestampMs) {
        if (value == null) {
            return new Skipped(SKIP_TOMBSTONE, UNKNOWN);
        }
        JsonNode root;
        try {
            root = reader.readTree(value);
        } catch (JsonProcessingException e) {
            return new Rejected(notJson(e), UNKNOWN);
        } catch (IOException e) {
            return new Rejected("not JSON", UNKNOWN);
        }
        if (root == null || root.isMissingNode()) {
            return new Rejected("empty value", UNKNOWN);
        }
        if (!root.isObject()) {
            return new Rejected("JSON " + Fields.typeName(root).replaceFirst("^an? ", "") + ", expected an object", UNKNOWN);
        }
        String format = detect(root);
        if (format == null) {
            return new Rejected("JSON object is none of the known shapes (Event, eventrouter, pod watch event, Pod)", UNKNOWN);
        }
        try {
            return switch (format) {
                case EVENTROUTER -> eventRouter(root, recordTimestampMs);
                case POD_WATCH -> watch(root, recordTimestampMs);
                case EVENTS_K8S_IO_V1 -> event(root, Dialect.EVENTS_V1, "", format, recordTimestampMs);
                case EXPORTER_EVENT, CORE_V1_EVENT -> event(root, Dialect.CORE_V1, "", format, recordTimestampMs);
                default -> new PodObserved(PodObjects.snapshot(root, null, "", recordTimestampMs), POD);
            };
        } catch (BadRecord e) {
            return new Rejected(e.getMessage(), format);
        } catch (RuntimeException e) {
            return new Rejected("unexpected parse failure (" + e.getClass().getSimpleName() + ")", format);
        }
    }

    static String detect(JsonNode root) {
        if (root.has("verb") && root.has("event")) {
            return EVENTROUTER;
        }
        if (root.has("type") && root.has("object")) {
            return POD_WATCH;
        }
        return eventOrPodFormat(root);
    }

    private static String eventOrPodFormat(JsonNode node) {
        String apiVersion = textOrNull(node, "apiVersion");
        String kind = textOrNull(node, "kind");
        if ((apiVersion != null && apiVersion.startsWith("events.k8s.io/")) || node.has("regarding") || node.has("note")
                || node.has("reportingController") || node.has("deprecatedFirstTimestamp")
                || node.has("deprecatedLastTimestamp")) {
            return EVENTS_K8S_IO_V1;
        }
        boolean coreEvent = "Event".equals(kind) || node.has("involvedObject")
                || (node.has("reason") && (node.has("message") || node.has("firstTimestamp") || node.has("lastTimestamp")
                        || node.has("count") || node.has("source")));
        if (coreEvent) {
            return isExporterEnriched(node) ? EXPORTER_EVENT : CORE_V1_EVENT;
        }
        if (PodObjects.looksLikePod(node)) {
            return POD;
        }
        return null;
    }

    /** kubernetes-event-exporter adds clusterName and enriches involvedObject (pkg/kube/event.go). */
    private static boolean isExporterEnriched(JsonNode node) {
        JsonNode object = node.get("involvedObject");
        return node.has("clusterName") || (object != null && object.isObject() && (object.has("labels")
                || object.has("annotations") || object.has("ownerReferences") || object.has("deleted")));
    }

    private static LifecycleOutcome event(JsonNode event, Dialect dialect, String path, String format, long recordTimestampMs) {
        String k8sCluster = Fields.text(event, "clusterName", path);
        ParsedEvent parsed = EventFacts.read(event, dialect, path, recordTimestampMs);
        return EventFacts.outcome(parsed, dialect, path, k8sCluster, format);
    }

    /**
     * eventrouter forwards updates with the previous version, so an UPDATED record reports only the occurrences new
     * since {@code old_event}: count = the count difference, interval from the old lastTimestamp.
     */
    private static LifecycleOutcome eventRouter(JsonNode root, long recordTimestampMs) {
        String verb = Fields.text(root, "verb", "");
        JsonNode event = Fields.object(root, "event", "");
        if (event == null) {
            throw new BadRecord("field event: missing");
        }
        if (verb == null) {
            throw new BadRecord("field verb: missing");
        }
        if (verb.equals("DELETED")) {
            return new Skipped(SKIP_EVENT_DELETED, EVENTROUTER);
        }
        if (!verb.equals("ADDED") && !verb.equals("UPDATED")) {
            throw new BadRecord("field verb: expected ADDED or UPDATED");
        }
        String eventFormat = eventOrPodFormat(event);
        if (!EVENTS_K8S_IO_V1.equals(eventFormat) && !CORE_V1_EVENT.equals(eventFormat) && !EXPORTER_EVENT.equals(eventFormat)) {
            throw new BadRecord("field event: not an Event");
        }
        Dialect dialect = EVENTS_K8S_IO_V1.equals(eventFormat) ? Dialect.EVENTS_V1 : Dialect.CORE_V1;
        ParsedEvent current = EventFacts.read(event, dialect, "event", recordTimestampMs);
        JsonNode oldEvent = Fields.object(root, "old_event", "");
        if (verb.equals("UPDATED") && oldEvent != null) {
            ParsedEvent previous = EventFacts.read(oldEvent, dialect, "old_event", recordTimestampMs);
            int newOccurrences = current.count() - previous.count();
            if (newOccurrences <= 0 && !current.lastTime().isAfter(previous.lastTime())) {
                return new Skipped(SKIP_REPEAT, EVENTROUTER);
            }
            current = new ParsedEvent(current.reason(), current.message(), current.objectKind(), current.object(),
                    current.time(), previous.lastTime(), current.lastTime(), Math.max(newOccurrences, 1), current.host(),
                    current.eventNamespace());
        }
        return EventFacts.outcome(current, dialect, "event", Fields.text(event, "clusterName", "event"), EVENTROUTER);
    }

    private static LifecycleOutcome watch(JsonNode root, long recordTimestampMs) {
        String type = Fields.text(root, "type", "");
        JsonNode object = Fields.object(root, "object", "");
        if (type == null) {
            throw new BadRecord("field type: missing");
        }
        if (type.equals("BOOKMARK") || type.equals("ERROR")) {
            return new Skipped(SKIP_WATCH_CONTROL, POD_WATCH);
        }
        if (!type.equals("ADDED") && !type.equals("MODIFIED") && !type.equals("DELETED")) {
            throw new BadRecord("field type: expected ADDED, MODIFIED or DELETED");
        }
        if (object == null) {
            throw new BadRecord("field object: missing");
        }
        String kind = textOrNull(object, "kind");
        if ("Event".equals(kind)) {
            // OTel k8sobjects can watch Events too; a DELETED Event is only its TTL running out.
            String eventFormat = eventOrPodFormat(object);
            if (type.equals("DELETED")) {
                return new Skipped(SKIP_EVENT_DELETED, eventFormat);
            }
            Dialect dialect = EVENTS_K8S_IO_V1.equals(eventFormat) ? Dialect.EVENTS_V1 : Dialect.CORE_V1;
            return event(object, dialect, "object", eventFormat, recordTimestampMs);
        }
        if (kind != null ? !kind.equals("Pod") : !PodObjects.looksLikePod(object)) {
            return new Skipped(SKIP_NOT_A_POD, POD_WATCH);
        }
        return new PodObserved(PodObjects.snapshot(object, type, "object", recordTimestampMs), POD_WATCH);
    }

    private static String notJson(JsonProcessingException e) {
        JsonLocation location = e.getLocation();
        if (location == null || location.getLineNr() < 0) {
            return "not JSON";
        }
        return "not JSON (malformed at line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    private static String textOrNull(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() ? value.textValue() : null;
    }

    /** Convenience for callers that hold both: the facts an outcome yields given the pod's previous state. */
    public static List<LifecycleFact> facts(LifecycleOutcome outcome, PodSnapshot previous, long recordTimestampMs) {
        if (outcome instanceof Facts facts) {
            return facts.facts();
        }
        if (outcome instanceof PodObserved observed) {
            return PodTransitions.between(previous, observed.snapshot(), recordTimestampMs);
        }
        return List.of();
    }
}

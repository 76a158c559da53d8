package io.resetwatch.lifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import io.resetwatch.lifecycle.EventMessages.EventMeaning;
import io.resetwatch.model.FactScope;
import io.resetwatch.model.FactType;
import io.resetwatch.model.LifecycleFact;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** core/v1 and events.k8s.io/v1 Events (DOMAIN §7.2) → lifecycle facts. */
final class EventFacts {

    /** The two JSON dialects of one Event; they differ only in field names. */
    enum Dialect {
        CORE_V1("involvedObject", "message", "firstTimestamp", "lastTimestamp", "count", "source", "reportingComponent"),
        EVENTS_V1("regarding", "note", "deprecatedFirstTimestamp", "deprecatedLastTimestamp", "deprecatedCount",
                "deprecatedSource", "reportingController");

        final String object;
        final String message;
        final String firstTimestamp;
        final String lastTimestamp;
        final String count;
        final String source;
        final String reportingComponent;

        Dialect(String object, String message, String firstTimestamp, String lastTimestamp, String count,
                String source, String reportingComponent) {
            this.object = object;
            this.message = message;
            this.firstTimestamp = firstTimestamp;
            this.lastTimestamp = lastTimestamp;
            this.count = count;
            this.source = source;
            this.reportingComponent = reportingComponent;
        }
    }

    static final String SKIP_OBJECT_KIND = "event about an object that is not a Pod, Node or workload controller";
    static final String SKIP_NO_EVIDENCE = "event reason carries no lifecycle evidence";

    private static final Set<String> OWNER_KINDS = Set.of("ReplicaSet", "Deployment", "StatefulSet", "DaemonSet");
    private static final Pattern FIELD_PATH_CONTAINER = Pattern.compile("spec\\.(?:initContainers|containers|ephemeralContainers)\\{([^}]+)}");

    private EventFacts() {
    }

    /** One parsed Event before it becomes a fact; also used to difference eventrouter updates. */
    record ParsedEvent(String reason, String message, String objectKind, JsonNode object, Instant time,
                       Instant firstTime, Instant lastTime, int count, String host, String eventNamespace) {
    }

    static ParsedEvent read(JsonNode event, Dialect dialect, String path, long recordTimestampMs) {
        JsonNode object = Fields.object(event, dialect.object, path);
        JsonNode metadata = Fields.object(event, "metadata", path);
        JsonNode series = Fields.object(event, "series", path);
        JsonNode source = Fields.object(event, dialect.source, path);
        String seriesPath = Fields.path(path, "series");

        Instant eventTime = Fields.time(event, "eventTime", path, recordTimestampMs);
        Instant seriesLast = Fields.time(series, "lastObservedTime", seriesPath, recordTimestampMs);
        Instant last = Fields.time(event, dialect.lastTimestamp, path, recordTimestampMs);
        Instant first = Fields.time(event, dialect.firstTimestamp, path, recordTimestampMs);
        Instant time = firstNonNull(eventTime, seriesLast, last, first);
        if (time == null) {
            // The content states no time at all: creation of the Event object, else the record's own time.
            Instant created = Fields.time(metadata, "creationTimestamp", Fields.path(path, "metadata"), recordTimestampMs);
            time = created != null ? created : Instant.ofEpochMilli(recordTimestampMs);
        }
        Instant firstTime = firstNonNull(first, eventTime, time);
        Instant lastTime = firstNonNull(seriesLast, last, time);

        Integer seriesCount = Fields.integer(series, "count", seriesPath);
        Integer plainCount = Fields.integer(event, dialect.count, path);
        int count = seriesCount != null ? seriesCount : plainCount != null ? plainCount : 1;

        String host = Fields.text(source, "host", Fields.path(path, dialect.source));
        if (host == null && "kubelet".equals(Fields.text(event, dialect.reportingComponent, path))) {
            host = Fields.text(event, "reportingInstance", path); // the kubelet reports as its node
        }
        String objectPath = Fields.path(path, dialect.object);
        return new ParsedEvent(
                Fields.text(event, "reason", path),
                Fields.text(event, dialect.message, path),
                Fields.text(object, "kind", objectPath),
                object,
                time, firstTime, lastTime, Math.max(count, 1), host,
                Fields.text(metadata, "namespace", Fields.path(path, "metadata")));
    }

    /** Facts for one Event, or a Skipped outcome when it carries no lifecycle evidence. */
    static LifecycleOutcome outcome(ParsedEvent event, Dialect dialect, String path, String k8sCluster, String format) {
        if (event.objectKind() != null && !event.objectKind().equals("Pod") && !event.objectKind().equals("Node")
                && !OWNER_KINDS.contains(event.objectKind())) {
            return new LifecycleOutcome.Skipped(SKIP_OBJECT_KIND, format);
        }
        EventMeaning meaning = EventMessages.classify(event.reason(), event.message());
        if (meaning.type() == FactType.OTHER) {
            return new LifecycleOutcome.Skipped(SKIP_NO_EVIDENCE, format);
        }
        return new LifecycleOutcome.Facts(List.of(fact(event, meaning, dialect, path, k8sCluster, format)), format);
    }

    private static LifecycleFact fact(ParsedEvent event, EventMeaning meaning, Dialect dialect, String path,
                                      String k8sCluster, String format) {
        JsonNode object = event.object();
        String objectPath = Fields.path(path, dialect.object);
        String kind = event.objectKind();
        String name = Fields.text(object, "name", objectPath);
        String uid = Fields.text(object, "uid", objectPath);
        String namespace = firstNonNull(Fields.text(object, "namespace", objectPath), event.eventNamespace());
        Map<String, String> labels = Fields.workloadLabels(object, "labels", objectPath); // exporter enrichment
        String[] owner = Fields.owner(object, "ownerReferences", objectPath);
        String container = firstNonNull(fieldPathContainer(Fields.text(object, "fieldPath", objectPath)), meaning.container());

        FactScope scope = scope(meaning.type(), kind);
        String podName = null;
        String podUid = null;
        String node = event.host();
        String ownerKind = owner == null ? null : owner[0];
        String ownerName = owner == null ? null : owner[1];
        switch (scope) {
            case POD -> {
                podName = name;
                podUid = uid;
            }
            case NODE -> {
                node = "Node".equals(kind) ? name : event.host();
                container = meaning.container(); // the victim process for node OOM
            }
            case OWNER -> {
                podName = meaning.podName();
                ownerKind = kind;
                ownerName = name;
                String replicaSet = EventMessages.scaledReplicaSet(event.message());
                if (replicaSet != null) {
                    // Re-keyed to the replica set being scaled: that is the owner its pods name.
                    ownerKind = "ReplicaSet";
                    ownerName = replicaSet;
                }
            }
        }
        return new LifecycleFact(
                meaning.type(), scope, k8sCluster, namespace, podName, podUid, node, ownerKind, ownerName, container,
                event.time(), event.firstTime(), event.lastTime(), event.count(), event.reason(),
                Evidence.text(event.message()), null, null, null, null, null, null, labels, format);
    }

    private static FactScope scope(FactType type, String kind) {
        if (type == FactType.NODE_OOM || "Node".equals(kind)) {
            return FactScope.NODE;
        }
        if (kind != null && OWNER_KINDS.contains(kind)) {
            return FactScope.OWNER;
        }
        if (kind == null && (type == FactType.SCALED_DOWN || type == FactType.SCALED_UP
                || type == FactType.POD_DELETED_BY_OWNER || type == FactType.POD_CREATED_BY_OWNER)) {
            return FactScope.OWNER;
        }
        return FactScope.POD;
    }

    private static String fieldPathContainer(String fieldPath) {
        if (fieldPath == null) {
            return null;
        }
        Matcher matcher = FIELD_PATH_CONTAINER.matcher(fieldPath);
        return matcher.find() ? matcher.group(1) : null;
    }

    @SafeVarargs
    static <T> T firstNonNull(T... values) {
        for (T value : values) {
            if (value != null) {
                return value;
            }
        }
        return null;
    }
}

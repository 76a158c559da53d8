package io.resetwatch.lifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Typed reads from a Kubernetes JSON tree. Absent and {@code null} fields read as null (Kubernetes omits
 * empty fields); a field of the wrong type is a {@link BadRecord} naming the field, never its value.
 */
final class Fields {

    /** Labels that say which workload a pod belongs to; others (free-form team labels) are not carried. */
    private static final Set<String> WORKLOAD_LABELS = Set.of(
            "app", "version", "k8s-app", "component",
            "app.kubernetes.io/name", "app.kubernetes.io/instance", "app.kubernetes.io/component",
            "app.kubernetes.io/part-of", "app.kubernetes.io/version",
            "service.istio.io/canonical-name", "service.istio.io/canonical-revision",
            "pod-template-hash", "controller-revision-hash", "statefulset.kubernetes.io/pod-name",
            "apps.kubernetes.io/pod-index", "batch.kubernetes.io/job-name");

    private Fields() {
    }

    static String path(String parent, String field) {
        return parent.isEmpty() ? field : parent + "." + field;
    }

    private static JsonNode present(JsonNode parent, String field) {
        if (parent == null) {
            return null;
        }
        JsonNode node = parent.get(field);
        return node == null || node.isNull() ? null : node;
    }

    static JsonNode object(JsonNode parent, String field, String parentPath) {
        JsonNode node = present(parent, field);
        if (node != null && !node.isObject()) {
            throw wrongType(parentPath, field, "an object", node);
        }
        return node;
    }

    static List<JsonNode> array(JsonNode parent, String field, String parentPath) {
        JsonNode node = present(parent, field);
        if (node == null) {
            return List.of();
        }
        if (!node.isArray()) {
            throw wrongType(parentPath, field, "an array", node);
        }
        List<JsonNode> items = new ArrayList<>();
        node.forEach(items::add);
        return items;
    }

    /** A string; the empty string reads as null because Kubernetes uses both for "not set". */
    static String text(JsonNode parent, String field, String parentPath) {
        JsonNode node = present(parent, field);
        if (node == null) {
            return null;
        }
        if (!node.isTextual()) {
            throw wrongType(parentPath, field, "a string", node);
        }
        return node.textValue().isEmpty() ? null : node.textValue();
    }

    static Integer integer(JsonNode parent, String field, String parentPath) {
        JsonNode node = present(parent, field);
        if (node == null) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            throw wrongType(parentPath, field, "an integer", node);
        }
        return node.intValue();
    }

    static Long longInteger(JsonNode parent, String field, String parentPath) {
        JsonNode node = present(parent, field);
        if (node == null) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw wrongType(parentPath, field, "an integer", node);
        }
        return node.longValue();
    }

    static boolean flag(JsonNode parent, String field, String parentPath) {
        JsonNode node = present(parent, field);
        if (node == null) {
            return false;
        }
        if (!node.isBoolean()) {
            throw wrongType(parentPath, field, "a boolean", node);
        }
        return node.booleanValue();
    }

    /** A resource quantity: a string ("200Mi") or, from YAML-converted sources, a plain number. */
    static String quantity(JsonNode parent, String field, String parentPath) {
        JsonNode node = present(parent, field);
        if (node == null) {
            return null;
        }
        if (node.isTextual()) {
            return node.textValue().isEmpty() ? null : node.textValue();
        }
        if (node.isNumber()) {
            return node.asText();
        }
        throw wrongType(parentPath, field, "a quantity", node);
    }

    static Instant time(JsonNode parent, String field, String parentPath, long recordTimestampMs) {
        return Times.parse(text(parent, field, parentPath), path(parentPath, field), recordTimestampMs);
    }

    /** The workload-identifying subset of a label map. */
    static Map<String, String> workloadLabels(JsonNode parent, String field, String parentPath) {
        JsonNode labels = object(parent, field, parentPath);
        Map<String, String> kept = new LinkedHashMap<>();
        if (labels == null) {
            return kept;
        }
        String labelsPath = path(parentPath, field);
        for (String key : WORKLOAD_LABELS.stream().sorted().toList()) {
            String value = text(labels, key, labelsPath);
            if (value != null) {
                kept.put(key, value);
            }
        }
        return kept;
    }

    /** The controlling owner reference (controller: true), else the first one: {kind, name}, or null. */
    static String[] owner(JsonNode parent, String field, String parentPath) {
        List<JsonNode> refs = array(parent, field, parentPath);
        String refsPath = path(parentPath, field);
        JsonNode chosen = null;
        for (int i = 0; i < refs.size(); i++) {
            JsonNode ref = refs.get(i);
            if (!ref.isObject()) {
                throw new BadRecord("field " + refsPath + "[" + i + "]: expected an object, got " + typeName(ref));
            }
            if (chosen == null || flag(ref, "controller", refsPath + "[" + i + "]")) {
                chosen = ref;
            }
        }
        if (chosen == null) {
            return null;
        }
        return new String[] {text(chosen, "kind", refsPath), text(chosen, "name", refsPath)};
    }

    private static BadRecord wrongType(String parentPath, String field, String expected, JsonNode actual) {
        return new BadRecord("field " + path(parentPath, field) + ": expected " + expected + ", got " + typeName(actual));
    }

    static String typeName(JsonNode node) {
        if (node.isObject()) {
            return "an object";
        }
        if (node.isArray()) {
            return "an array";
        }
        if (node.isTextual()) {
            return "a string";
        }
        if (node.isBoolean()) {
            return "a boolean";
        }
        if (node.isNumber()) {
            return "a number";
        }
        return node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }
}

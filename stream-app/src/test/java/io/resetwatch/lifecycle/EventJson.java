package io.resetwatch.lifecycle;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.resetwatch.serde.Json;

/** Test-data builder for a core/v1 Event about pod shop/web-1 on node-a, as the kubelet records it. */
final class EventJson {

    static final String POD_UID = "5d0c7a8e-1111-4c2e-9c51-6f2a7b3c9d01";

    private final ObjectNode event = Json.mapper().createObjectNode();

    private EventJson(String type, String reason, String message) {
        event.put("apiVersion", "v1").put("kind", "Event");
        event.putObject("metadata").put("name", "web-1.17988034c78ed0a4").put("namespace", "shop")
                .put("uid", "9a9a9a9a-0000-4000-8000-000000000001");
        event.putObject("involvedObject").put("kind", "Pod").put("namespace", "shop").put("name", "web-1")
                .put("uid", POD_UID).put("apiVersion", "v1").put("fieldPath", "spec.containers{web}");
        event.put("reason", reason).put("message", message).put("type", type);
        event.putObject("source").put("component", "kubelet").put("host", "node-a");
        event.put("firstTimestamp", "2024-11-20T10:00:00Z").put("lastTimestamp", "2024-11-20T10:00:00Z").put("count", 1);
        event.putNull("eventTime");
    }

    static EventJson warning(String reason, String message) {
        return new EventJson("Warning", reason, message);
    }

    static EventJson normal(String reason, String message) {
        return new EventJson("Normal", reason, message);
    }

    /** About a Node instead, as the kubelet (SystemOOM) or node-problem-detector (OOMKilling) records it. */
    EventJson onNode(String node) {
        event.putObject("involvedObject").put("kind", "Node").put("name", node).put("uid", node);
        return this;
    }

    EventJson onObject(String kind, String name) {
        event.putObject("involvedObject").put("kind", kind).put("namespace", "shop").put("name", name);
        return this;
    }

    EventJson repeated(String first, String last, int count) {
        event.put("firstTimestamp", first).put("lastTimestamp", last).put("count", count);
        return this;
    }

    EventJson set(String field, String value) {
        event.put(field, value);
        return this;
    }

    ObjectNode object() {
        return event.deepCopy();
    }

    byte[] bytes() {
        try {
            return Json.mapper().writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}

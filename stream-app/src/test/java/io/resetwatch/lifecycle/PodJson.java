package io.resetwatch.lifecycle;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.resetwatch.serde.Json;

/** Test-data builder for Pod JSON as the API server writes it (camelCase, RFC 3339 strings). */
final class PodJson {

    private final ObjectNode pod = Json.mapper().createObjectNode();

    private PodJson(String uid, String namespace, String name) {
        pod.put("apiVersion", "v1").put("kind", "Pod");
        ObjectNode metadata = pod.putObject("metadata").put("uid", uid).put("namespace", namespace).put("name", name);
        metadata.putObject("labels").put("app", "web").put("pod-template-hash", "7d9f8c6b5").put("team", "payments");
        metadata.putArray("ownerReferences").addObject()
                .put("apiVersion", "apps/v1").put("kind", "ReplicaSet").put("name", "web-7d9f8c6b5").put("controller", true);
        pod.putObject("spec").put("nodeName", "node-a").put("terminationGracePeriodSeconds", 30);
        pod.putObject("status").put("phase", "Running").put("startTime", "2024-11-20T09:00:00Z");
    }

    static PodJson pod() {
        return new PodJson("0b8e5c1e-4f7a-4d0e-9a57-3c1f6f1d2a10", "shop", "web-7d9f8c6b5-x2x4q");
    }

    PodJson ip(String ip) {
        status().put("podIP", ip).putArray("podIPs").addObject().put("ip", ip);
        return this;
    }

    PodJson phase(String phase, String reason, String message) {
        status().put("phase", phase).put("reason", reason).put("message", message);
        return this;
    }

    PodJson deletion(String deletionTimestamp, long graceSeconds) {
        ((ObjectNode) pod.get("metadata")).put("deletionTimestamp", deletionTimestamp)
                .put("deletionGracePeriodSeconds", graceSeconds);
        return this;
    }

    PodJson condition(String type, String status, String reason, String lastTransitionTime) {
        ArrayNode conditions = status().has("conditions") ? (ArrayNode) status().get("conditions") : status().putArray("conditions");
        conditions.addObject().put("type", type).put("status", status).put("reason", reason)
                .put("lastTransitionTime", lastTransitionTime);
        return this;
    }

    /** A container with its spec (memory limit 256Mi) and status. */
    PodJson container(String name, int restartCount, ObjectNode state, ObjectNode lastTerminated) {
        ObjectNode spec = (ObjectNode) pod.get("spec");
        ArrayNode specContainers = spec.has("containers") ? (ArrayNode) spec.get("containers") : spec.putArray("containers");
        specContainers.addObject().put("name", name).putObject("resources").putObject("limits").put("memory", "256Mi");
        ArrayNode statuses = status().has("containerStatuses")
                ? (ArrayNode) status().get("containerStatuses") : status().putArray("containerStatuses");
        ObjectNode containerStatus = statuses.addObject().put("name", name).put("restartCount", restartCount);
        containerStatus.set("state", state);
        ObjectNode lastState = containerStatus.putObject("lastState");
        if (lastTerminated != null) {
            lastState.set("terminated", lastTerminated);
        }
        return this;
    }

    static ObjectNode running(String startedAt) {
        ObjectNode state = Json.mapper().createObjectNode();
        state.putObject("running").put("startedAt", startedAt);
        return state;
    }

    static ObjectNode waiting(String reason, String message) {
        ObjectNode state = Json.mapper().createObjectNode();
        state.putObject("waiting").put("reason", reason).put("message", message);
        return state;
    }

    /** The inside of a {@code terminated} state (for lastState.terminated). */
    static ObjectNode termination(String reason, int exitCode, String finishedAt, String containerId) {
        return Json.mapper().createObjectNode().put("reason", reason).put("exitCode", exitCode)
                .put("startedAt", "2024-11-20T09:00:05Z").put("finishedAt", finishedAt)
                .put("containerID", "containerd://" + containerId);
    }

    static ObjectNode terminated(String reason, int exitCode, String finishedAt, String containerId) {
        ObjectNode state = Json.mapper().createObjectNode();
        state.set("terminated", termination(reason, exitCode, finishedAt, containerId));
        return state;
    }

    ObjectNode object() {
        return pod.deepCopy();
    }

    byte[] bytes() {
        return write(pod);
    }

    byte[] watch(String type) {
        ObjectNode watch = Json.mapper().createObjectNode().put("type", type);
        watch.set("object", pod);
        return write(watch);
    }

    private ObjectNode status() {
        return (ObjectNode) pod.get("status");
    }

    private static byte[] write(ObjectNode node) {
        try {
            return Json.mapper().writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}

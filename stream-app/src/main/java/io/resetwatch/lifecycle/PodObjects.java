package io.resetwatch.lifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Pod JSON (full, status-only, or a single container status) → {@link PodSnapshot} (DOMAIN §7.4). */
final class PodObjects {

    private static final Set<String> CONDITIONS_OF_INTEREST = Set.of("Ready", "DisruptionTarget", "PodReadyToStartContainers");

    private PodObjects() {
    }

    /** A full or partial Pod: has kind Pod, or metadata with spec/status, or a pod status, or a spec with containers. */
    static boolean looksLikePod(JsonNode node) {
        if ("Pod".equals(textOrNull(node, "kind"))) {
            return true;
        }
        JsonNode status = node.get("status");
        JsonNode spec = node.get("spec");
        boolean podStatus = status != null && status.isObject()
                && (status.has("containerStatuses") || status.has("podIP") || status.has("phase") || status.has("conditions"));
        boolean podSpec = spec != null && spec.isObject() && (spec.has("containers") || spec.has("nodeName"));
        return podStatus || podSpec || (node.has("metadata") && (status != null || spec != null)) || looksLikeContainerStatus(node);
    }

    /** One element of {@code status.containerStatuses} on its own (a corpus excerpt). */
    static boolean looksLikeContainerStatus(JsonNode node) {
        return node.has("name") && node.has("restartCount") && (node.has("state") || node.has("lastState"));
    }

    static PodSnapshot snapshot(JsonNode pod, String watchType, String path, long recordTimestampMs) {
        if (!pod.has("metadata") && !pod.has("status") && !pod.has("spec") && looksLikeContainerStatus(pod)) {
            ContainerSnapshot only = container(pod, false, path, Map.of(), recordTimestampMs);
            return new PodSnapshot(null, null, null, null, null, false, null, null, null, watchType, null, null, null,
                    null, Map.of(), null, null, List.of(only), List.of(), null);
        }
        String metadataPath = Fields.path(path, "metadata");
        String specPath = Fields.path(path, "spec");
        String statusPath = Fields.path(path, "status");
        JsonNode metadata = Fields.object(pod, "metadata", path);
        JsonNode spec = Fields.object(pod, "spec", path);
        JsonNode status = Fields.object(pod, "status", path);
        String[] owner = Fields.owner(metadata, "ownerReferences", metadataPath);

        Map<String, String> memoryLimits = new HashMap<>();
        Set<String> specContainers = new LinkedHashSet<>();
        Set<String> specInitContainers = new LinkedHashSet<>();
        readSpecContainers(spec, "containers", specPath, memoryLimits, specContainers);
        readSpecContainers(spec, "initContainers", specPath, memoryLimits, specInitContainers);

        List<ContainerSnapshot> containers = new ArrayList<>();
        readStatuses(status, "initContainerStatuses", true, statusPath, memoryLimits, containers, recordTimestampMs);
        readStatuses(status, "containerStatuses", false, statusPath, memoryLimits, containers, recordTimestampMs);
        addUnreported(specInitContainers, true, memoryLimits, containers);
        addUnreported(specContainers, false, memoryLimits, containers);

        List<PodCondition> conditions = new ArrayList<>();
        List<JsonNode> conditionNodes = Fields.array(status, "conditions", statusPath);
        for (int i = 0; i < conditionNodes.size(); i++) {
            String conditionPath = statusPath + ".conditions[" + i + "]";
            JsonNode condition = requireObject(conditionNodes.get(i), conditionPath);
            String type = Fields.text(condition, "type", conditionPath);
            if (type != null && CONDITIONS_OF_INTEREST.contains(type)) {
                conditions.add(new PodCondition(type, Fields.text(condition, "status", conditionPath),
                        Fields.text(condition, "reason", conditionPath),
                        Evidence.text(Fields.text(condition, "message", conditionPath)),
                        Fields.time(condition, "lastTransitionTime", conditionPath, recordTimestampMs)));
            }
        }

        return new PodSnapshot(
                Fields.text(metadata, "uid", metadataPath),
                Fields.text(metadata, "namespace", metadataPath),
                Fields.text(metadata, "name", metadataPath),
                Fields.text(spec, "nodeName", specPath),
                podIp(status, statusPath),
                Fields.flag(spec, "hostNetwork", specPath),
                Fields.text(status, "phase", statusPath),
                Fields.text(status, "reason", statusPath),
                Evidence.text(Fields.text(status, "message", statusPath)),
                watchType,
                Fields.time(status, "startTime", statusPath, recordTimestampMs),
                Fields.time(metadata, "deletionTimestamp", metadataPath, recordTimestampMs),
                Fields.longInteger(metadata, "deletionGracePeriodSeconds", metadataPath),
                Fields.longInteger(spec, "terminationGracePeriodSeconds", specPath),
                Fields.workloadLabels(metadata, "labels", metadataPath),
                owner == null ? null : owner[0],
                owner == null ? null : owner[1],
                containers,
                conditions,
                null);
    }

    private static String podIp(JsonNode status, String statusPath) {
        String podIp = Fields.text(status, "podIP", statusPath);
        if (podIp != null) {
            return podIp;
        }
        List<JsonNode> podIps = Fields.array(status, "podIPs", statusPath);
        if (podIps.isEmpty()) {
            return null;
        }
        String firstPath = statusPath + ".podIPs[0]";
        return Fields.text(requireObject(podIps.get(0), firstPath), "ip", firstPath);
    }

    private static void readSpecContainers(JsonNode spec, String field, String specPath, Map<String, String> memoryLimits,
                                           Set<String> names) {
        List<JsonNode> nodes = Fields.array(spec, field, specPath);
        for (int i = 0; i < nodes.size(); i++) {
            String containerPath = Fields.path(specPath, field) + "[" + i + "]";
            JsonNode container = requireObject(nodes.get(i), containerPath);
            String name = Fields.text(container, "name", containerPath);
            if (name == null) {
                continue;
            }
            names.add(name);
            JsonNode resources = Fields.object(container, "resources", containerPath);
            JsonNode limits = Fields.object(resources, "limits", containerPath + ".resources");
            String memory = Fields.quantity(limits, "memory", containerPath + ".resources.limits");
            if (memory != null) {
                memoryLimits.put(name, memory);
            }
        }
    }

    private static void readStatuses(JsonNode status, String field, boolean init, String statusPath,
                                     Map<String, String> memoryLimits, List<ContainerSnapshot> out, long recordTimestampMs) {
        List<JsonNode> nodes = Fields.array(status, field, statusPath);
        for (int i = 0; i < nodes.size(); i++) {
            String containerPath = Fields.path(statusPath, field) + "[" + i + "]";
            out.add(container(requireObject(nodes.get(i), containerPath), init, containerPath, memoryLimits, recordTimestampMs));
        }
    }

    private static void addUnreported(Set<String> specNames, boolean init, Map<String, String> memoryLimits,
                                      List<ContainerSnapshot> containers) {
        for (String name : specNames) {
            if (containers.stream().noneMatch(c -> c.name().equals(name))) {
                containers.add(new ContainerSnapshot(name, init, 0, null, null, memoryLimits.get(name)));
            }
        }
    }

    private static ContainerSnapshot container(JsonNode status, boolean init, String path, Map<String, String> memoryLimits,
                                               long recordTimestampMs) {
        String name = Fields.text(status, "name", path);
        if (name == null) {
            throw new BadRecord("field " + Fields.path(path, "name") + ": missing");
        }
        Integer restartCount = Fields.integer(status, "restartCount", path);
        ContainerState state = state(Fields.object(status, "state", path), Fields.path(path, "state"), recordTimestampMs);
        JsonNode lastState = Fields.object(status, "lastState", path);
        String lastPath = Fields.path(path, "lastState");
        ContainerState lastTerminated = terminated(Fields.object(lastState, "terminated", lastPath),
                Fields.path(lastPath, "terminated"), recordTimestampMs);
        return new ContainerSnapshot(name, init, restartCount == null ? 0 : restartCount, state, lastTerminated,
                memoryLimits.get(name));
    }

    private static ContainerState state(JsonNode state, String path, long recordTimestampMs) {
        if (state == null) {
            return null;
        }
        ContainerState terminated = terminated(Fields.object(state, "terminated", path), Fields.path(path, "terminated"),
                recordTimestampMs);
        if (terminated != null) {
            return terminated;
        }
        JsonNode waiting = Fields.object(state, "waiting", path);
        if (waiting != null) {
            String waitingPath = Fields.path(path, "waiting");
            return new ContainerState(ContainerState.Kind.WAITING, Fields.text(waiting, "reason", waitingPath),
                    Evidence.text(Fields.text(waiting, "message", waitingPath)), null, null, null, null, null);
        }
        JsonNode running = Fields.object(state, "running", path);
        if (running != null) {
            Instant startedAt = Fields.time(running, "startedAt", Fields.path(path, "running"), recordTimestampMs);
            return new ContainerState(ContainerState.Kind.RUNNING, null, null, null, null, startedAt, null, null);
        }
        return null;
    }

    private static ContainerState terminated(JsonNode terminated, String path, long recordTimestampMs) {
        if (terminated == null) {
            return null;
        }
        return new ContainerState(ContainerState.Kind.TERMINATED,
                Fields.text(terminated, "reason", path),
                Evidence.text(Fields.text(terminated, "message", path)),
                Fields.integer(terminated, "exitCode", path),
                Fields.integer(terminated, "signal", path),
                Fields.time(terminated, "startedAt", path, recordTimestampMs),
                Fields.time(terminated, "finishedAt", path, recordTimestampMs),
                Fields.text(terminated, "containerID", path));
    }

    private static JsonNode requireObject(JsonNode node, String path) {
        if (!node.isObject()) {
            throw new BadRecord("field " + path + ": expected an object, got " + Fields.typeName(node));
        }
        return node;
    }

    private static String textOrNull(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() ? value.textValue() : null;
    }
}

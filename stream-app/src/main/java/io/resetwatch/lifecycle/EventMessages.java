package io.resetwatch.lifecycle;

import io.resetwatch.model.FactType;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an Event's reason and message (DOMAIN §8). Messages are matched by the kubelet's and controllers'
 * format strings; a message found inside a longer line (a {@code kubectl describe} row, a
 * "(combined from similar events): ..." aggregate) is still recognized.
 */
public final class EventMessages {

    /**
     * @param container the container named (for {@link FactType#NODE_OOM}: the victim process, since the kernel
     *                  names processes, not containers)
     * @param podName   the pod named in the text (SuccessfulDelete/Create, BackOff, TaintManagerEviction)
     * @param probe     liveness, readiness or startup, for probe results and probe kills
     */
    public record EventMeaning(FactType type, String container, String podName, String probe) {

        static EventMeaning of(FactType type) {
            return new EventMeaning(type, null, null, null);
        }
    }

    private static final Pattern PROBE_RESULT = Pattern.compile("\\b(Liveness|Readiness|Startup) probe (failed|errored)\\b");
    private static final Pattern STOPPING = Pattern.compile("Stopping container (\\S+)");
    private static final Pattern CONTAINER_WILL_RESTART = Pattern.compile("Container (\\S+) (?:failed|definition changed)");
    /** Pre-1.22 kubelets: "Killing container with id docker://NAME:...". */
    private static final Pattern KILLING_WITH_ID = Pattern.compile("Killing container with id \\w+://([^:\\s]+)");
    private static final Pattern KILL_PROBE = Pattern.compile("(?i)failed (liveness|startup) probe");
    /** "Back-off restarting failed container %s in pod %s" and "back-off %s restarting failed container=%s pod=%s". */
    private static final Pattern BACK_OFF = Pattern.compile(
            "(?i)restarting failed container[= ](\\S+?)(?: in pod |\\s+pod=)(\\S+)");
    private static final Pattern BACK_OFF_LOOSE = Pattern.compile("(?i)restarting failed container");
    private static final Pattern QUOTED_CONTAINER = Pattern.compile("(?i)container \"([^\"]+)\"");
    private static final Pattern EVICTED_CONTAINER = Pattern.compile("Container (\\S+) was using");
    private static final Pattern SYSTEM_OOM_VICTIM = Pattern.compile("victim process: (.+?), pid");
    /** node-problem-detector kernel monitor: "Killed process 1012 (heapster) ..." and "Kill process 1012 (heapster) ...". */
    private static final Pattern KERNEL_OOM_VICTIM = Pattern.compile("Kill(?:ed)? process \\d+ \\((.+?)\\)");
    private static final Pattern TAINT_MARKING = Pattern.compile("Marking for deletion Pod (\\S+)");
    private static final Pattern RS_POD = Pattern.compile("(?:Deleted|Created) pod: (\\S+)");
    private static final Pattern STS_POD = Pattern.compile("(?i)(?:delete|create) Pod (\\S+) in StatefulSet");
    private static final Pattern SCALED = Pattern.compile("Scaled (up|down) replica set (\\S+) to \\d+");
    private static final Pattern STARTED = Pattern.compile("(?:Started|Created) container (\\S+)");

    private EventMessages() {
    }

    /** Classifies an Event reason + message into a FactType (and the container / pod named in the message). */
    public static EventMeaning classify(String reason, String message) {
        String text = message == null ? "" : message;
        if (reason == null) {
            return EventMeaning.of(FactType.OTHER);
        }
        return switch (reason) {
            case "Killing" -> killing(text);
            case "Unhealthy" -> probeResult(text);
            case "BackOff", "CrashLoopBackOff" -> backOff(reason, text);
            case "FailedPreStopHook" -> new EventMeaning(FactType.PRESTOP_HOOK_FAILED, group(QUOTED_CONTAINER, text), null, null);
            case "ExceededGracePeriod" -> EventMeaning.of(FactType.GRACE_PERIOD_EXCEEDED);
            case "Evicted" -> new EventMeaning(FactType.EVICTED, group(EVICTED_CONTAINER, text), null, null);
            case "Preempting", "Preempted" -> EventMeaning.of(FactType.PREEMPTED);
            case "SystemOOM" -> new EventMeaning(FactType.NODE_OOM, group(SYSTEM_OOM_VICTIM, text), null, null);
            case "OOMKilling" -> new EventMeaning(FactType.NODE_OOM, group(KERNEL_OOM_VICTIM, text), null, null);
            case "NodeNotReady" -> EventMeaning.of(FactType.NODE_NOT_READY);
            case "TaintManagerEviction" -> taintEviction(text);
            case "ScalingReplicaSet" -> scaling(text);
            case "SuccessfulDelete" -> ownerPod(FactType.POD_DELETED_BY_OWNER, text);
            case "SuccessfulCreate" -> ownerPod(FactType.POD_CREATED_BY_OWNER, text);
            case "Started", "Created" -> startedContainer(text);
            case "Pulled" -> EventMeaning.of(FactType.CONTAINER_STARTED); // the image is ready: a (re)start is under way
            default -> EventMeaning.of(FactType.OTHER);
        };
    }

    /** The replica set a {@code ScalingReplicaSet} message names ("Scaled down replica set X to 1 from 2"), or null. */
    public static String scaledReplicaSet(String message) {
        return message == null ? null : group(SCALED, message, 2);
    }

    private static EventMeaning killing(String text) {
        String container = firstNonNull(group(STOPPING, text), group(CONTAINER_WILL_RESTART, text), group(KILLING_WITH_ID, text));
        Matcher probe = KILL_PROBE.matcher(text);
        if (probe.find()) {
            String kind = probe.group(1).toLowerCase(Locale.ROOT);
            FactType type = kind.equals("liveness") ? FactType.LIVENESS_KILL : FactType.STARTUP_KILL;
            return new EventMeaning(type, container, null, kind);
        }
        if (text.contains("will be restarted") || text.contains("try killing it before restart")) {
            return new EventMeaning(FactType.CONTAINER_RESTART_ORDERED, container, null, null);
        }
        // "Stopping container X" and anything else the kubelet says while killing: the pod is going away.
        return new EventMeaning(FactType.CONTAINER_STOPPING, container, null, null);
    }

    private static EventMeaning probeResult(String text) {
        Matcher matcher = PROBE_RESULT.matcher(text);
        if (!matcher.find()) {
            return EventMeaning.of(FactType.OTHER);
        }
        String probe = matcher.group(1).toLowerCase(Locale.ROOT);
        FactType type = switch (probe) {
            case "liveness" -> FactType.LIVENESS_PROBE_FAILED;
            case "readiness" -> FactType.READINESS_PROBE_FAILED;
            default -> FactType.STARTUP_PROBE_FAILED;
        };
        return new EventMeaning(type, null, null, probe);
    }

    private static EventMeaning backOff(String reason, String text) {
        Matcher matcher = BACK_OFF.matcher(text);
        if (matcher.find()) {
            return new EventMeaning(FactType.BACK_OFF, matcher.group(1), podOfFormatPod(matcher.group(2)), null);
        }
        // BackOff is also the reason for image pull back-off ("Back-off pulling image"), which is no crash.
        if (reason.equals("CrashLoopBackOff") || BACK_OFF_LOOSE.matcher(text).find()) {
            return EventMeaning.of(FactType.BACK_OFF);
        }
        return EventMeaning.of(FactType.OTHER);
    }

    private static EventMeaning taintEviction(String text) {
        String target = group(TAINT_MARKING, text);
        if (target == null) {
            return EventMeaning.of(FactType.OTHER); // "Cancelling deletion of Pod ..."
        }
        int slash = target.indexOf('/');
        return new EventMeaning(FactType.TAINT_EVICTION, null, slash >= 0 ? target.substring(slash + 1) : target, null);
    }

    private static EventMeaning scaling(String text) {
        Matcher matcher = SCALED.matcher(text);
        if (!matcher.find()) {
            return EventMeaning.of(FactType.OTHER);
        }
        return EventMeaning.of(matcher.group(1).equals("down") ? FactType.SCALED_DOWN : FactType.SCALED_UP);
    }

    private static EventMeaning ownerPod(FactType type, String text) {
        String pod = firstNonNull(group(RS_POD, text), group(STS_POD, text));
        return pod == null ? EventMeaning.of(FactType.OTHER) : new EventMeaning(type, null, pod, null);
    }

    /** Pulled, Created and Started are the kubelet's restart markers (DOMAIN §8.1); all read as CONTAINER_STARTED. */
    private static EventMeaning startedContainer(String text) {
        String container = group(STARTED, text);
        return container == null ? EventMeaning.of(FactType.OTHER) : new EventMeaning(FactType.CONTAINER_STARTED, container, null, null);
    }

    /** The kubelet's {@code format.Pod}: {@code name_namespace(uid)}; names cannot contain '_'. */
    private static String podOfFormatPod(String formatted) {
        int cut = formatted.indexOf('_');
        if (cut < 0) {
            cut = formatted.indexOf('(');
        }
        return cut < 0 ? formatted : formatted.substring(0, cut);
    }

    private static String group(Pattern pattern, String text) {
        return group(pattern, text, 1);
    }

    private static String group(Pattern pattern, String text, int group) {
        Matcher matcher = pattern.matcher(text);
        return matcher.find() ? matcher.group(group) : null;
    }

    private static String firstNonNull(String... values) {
        for (String value : values) {
            if (value != null) {
                return value;
            }
        }
        return null;
    }
}

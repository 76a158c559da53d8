package io.resetwatch.lifecycle;

import io.resetwatch.model.FactScope;
import io.resetwatch.model.FactType;
import io.resetwatch.model.LifecycleFact;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Facts from comparing two states of the same pod (uid). Times follow CONTRACTS §2: the time the content states
 * for the change (a termination's finishedAt, a condition's lastTransitionTime, a deletion request's
 * deletionTimestamp − deletionGracePeriodSeconds), else the record timestamp.
 */
public final class PodTransitions {

    private static final String CRASH_LOOP = "CrashLoopBackOff";
    /** Kubernetes' default when a deletion names no grace period. */
    private static final long DEFAULT_GRACE_SECONDS = 30;

    private PodTransitions() {
    }

    /**
     * Facts for what changed from previous (null = first sight) to current; pure and deterministic. First sight reports
     * what the object states (IP, deletion in progress, each container's current/last termination).
     */
    public static List<LifecycleFact> between(PodSnapshot previous, PodSnapshot current, long recordTimestampMs) {
        Objects.requireNonNull(current, "current");
        Instant recordTime = Instant.ofEpochMilli(recordTimestampMs);
        Facts facts = new Facts(current);

        if (!current.hostNetwork() && current.podIp() != null
                && (previous == null || !current.podIp().equals(previous.podIp()))) {
            facts.add(FactType.IP_ASSIGNED, ipAssignedTime(current, recordTime)).ip(current.podIp());
        }
        for (ContainerSnapshot container : current.containers()) {
            containerFacts(previous == null ? null : previous.container(container.name()), container, facts, recordTime);
        }
        PodCondition disruption = current.condition("DisruptionTarget");
        if (disruption != null && disruption.isTrue() && !sameDisruption(previous, disruption)) {
            facts.add(FactType.DISRUPTION_TARGET, orElse(disruption.lastTransitionTime(), recordTime))
                    .reason(disruption.reason()).message(disruption.message());
        }
        FactType ending = endingType(current);
        if (ending != null && (previous == null || endingType(previous) != ending)) {
            Instant time = disruption != null && disruption.lastTransitionTime() != null ? disruption.lastTransitionTime() : recordTime;
            facts.add(ending, time).reason(current.statusReason()).message(current.statusMessage());
        }
        if (current.deletionTimestamp() != null && (previous == null
                || !current.deletionTimestamp().equals(previous.deletionTimestamp())
                || !Objects.equals(current.deletionGracePeriodSeconds(), previous.deletionGracePeriodSeconds()))) {
            long grace = graceSeconds(current);
            facts.add(FactType.POD_DELETING, current.deletionTimestamp().minusSeconds(grace)).grace(grace);
        }
        if (current.deleted() && (previous == null || !previous.deleted())) {
            facts.add(FactType.POD_DELETED, recordTime).grace(current.deletionGracePeriodSeconds());
        }
        ipReleased(previous, current, facts, recordTime);
        return facts.build();
    }

    private static void containerFacts(ContainerSnapshot before, ContainerSnapshot now, Facts facts, Instant recordTime) {
        // The previous run's end first: it happened before whatever the current state says.
        for (ContainerState end : new ContainerState[] {now.lastTerminated(), now.state()}) {
            if (end != null && end.isTerminated() && !alreadySeen(end, before)) {
                FactType type = "OOMKilled".equals(end.reason()) ? FactType.CONTAINER_OOM_KILLED : FactType.CONTAINER_TERMINATED;
                facts.add(type, orElse(end.finishedAt(), recordTime)).container(now)
                        .reason(end.reason()).message(end.message()).exit(end.exitCode(), end.signal());
            }
        }
        ContainerState state = now.state();
        if (state != null && state.isWaiting(CRASH_LOOP) && (before == null || before.state() == null
                || !before.state().isWaiting(CRASH_LOOP) || before.restartCount() != now.restartCount())) {
            // A waiting state carries no time of its own.
            facts.add(FactType.BACK_OFF, recordTime).container(now).reason(state.reason()).message(state.message());
        }
    }

    /** The same run's end seen before, as the current state or as the last state (it moves from one to the other). */
    private static boolean alreadySeen(ContainerState end, ContainerSnapshot before) {
        return before != null && (sameTermination(end, before.state()) || sameTermination(end, before.lastTerminated()));
    }

    private static boolean sameTermination(ContainerState a, ContainerState b) {
        if (b == null || !b.isTerminated()) {
            return false;
        }
        if (a.containerId() != null && b.containerId() != null) {
            return a.containerId().equals(b.containerId());
        }
        return Objects.equals(a.finishedAt(), b.finishedAt()) && Objects.equals(a.startedAt(), b.startedAt())
                && Objects.equals(a.exitCode(), b.exitCode()) && Objects.equals(a.reason(), b.reason());
    }

    private static boolean sameDisruption(PodSnapshot previous, PodCondition disruption) {
        if (previous == null) {
            return false;
        }
        PodCondition before = previous.condition("DisruptionTarget");
        return before != null && before.isTrue() && Objects.equals(before.reason(), disruption.reason());
    }

    /** Phase Failed with reason Evicted or Preempting (kubelet eviction manager / critical-pod preemption). */
    private static FactType endingType(PodSnapshot pod) {
        if (!"Failed".equals(pod.phase()) || pod.statusReason() == null) {
            return null;
        }
        return switch (pod.statusReason()) {
            case "Evicted" -> FactType.EVICTED;
            case "Preempting" -> FactType.PREEMPTED;
            default -> null;
        };
    }

    private static long graceSeconds(PodSnapshot pod) {
        if (pod.deletionGracePeriodSeconds() != null) {
            return pod.deletionGracePeriodSeconds();
        }
        return pod.terminationGracePeriodSeconds() != null ? pod.terminationGracePeriodSeconds() : DEFAULT_GRACE_SECONDS;
    }

    /** Sandbox networking ready (PodReadyToStartContainers) is when the IP was set up; else the pod's start. */
    private static Instant ipAssignedTime(PodSnapshot pod, Instant recordTime) {
        PodCondition sandboxReady = pod.condition("PodReadyToStartContainers");
        if (sandboxReady != null && sandboxReady.isTrue() && sandboxReady.lastTransitionTime() != null) {
            return sandboxReady.lastTransitionTime();
        }
        return orElse(pod.startTime(), recordTime);
    }

    /** An IP stops belonging to the pod when it changes, disappears, the pod ends (Succeeded/Failed) or is deleted. */
    private static void ipReleased(PodSnapshot previous, PodSnapshot current, Facts facts, Instant recordTime) {
        if (current.hostNetwork()) {
            return;
        }
        String heldBefore = heldIp(previous);
        String heldNow = heldIp(current);
        if (heldBefore != null && !heldBefore.equals(heldNow)) {
            facts.add(FactType.IP_RELEASED, releaseTime(current, recordTime)).ip(heldBefore);
        }
        boolean newlyStated = current.podIp() != null && (previous == null || !current.podIp().equals(previous.podIp()));
        if (newlyStated && heldNow == null) {
            // First seen already ended or deleted: it was assigned and released before this record.
            facts.add(FactType.IP_RELEASED, releaseTime(current, recordTime)).ip(current.podIp());
        }
    }

    private static String heldIp(PodSnapshot pod) {
        return pod == null || pod.deleted() || pod.terminalPhase() ? null : pod.podIp();
    }

    /** A deletion states no time: record time. An ended pod: its last container's finish, when stated. */
    private static Instant releaseTime(PodSnapshot pod, Instant recordTime) {
        if (pod.deleted() || !pod.terminalPhase()) {
            return recordTime;
        }
        return pod.containers().stream()
                .map(ContainerSnapshot::state)
                .filter(s -> s != null && s.isTerminated() && s.finishedAt() != null)
                .map(ContainerState::finishedAt)
                .max(Comparator.naturalOrder())
                .orElse(recordTime);
    }

    private static Instant orElse(Instant value, Instant fallback) {
        return value != null ? value : fallback;
    }

    /** Collects facts that share the pod's identity; each added fact is refined by the builder calls after it. */
    private static final class Facts {
        private final PodSnapshot pod;
        private final List<Draft> drafts = new ArrayList<>();

        Facts(PodSnapshot pod) {
            this.pod = pod;
        }

        Draft add(FactType type, Instant time) {
            Draft draft = new Draft(type, time, pod.podIp());
            drafts.add(draft);
            return draft;
        }

        List<LifecycleFact> build() {
            String source = pod.watchType() != null ? LifecycleParser.POD_WATCH : LifecycleParser.POD;
            return drafts.stream().map(d -> new LifecycleFact(
                    d.type, FactScope.POD, pod.k8sCluster(), pod.namespace(), pod.name(), pod.uid(), pod.node(),
                    pod.ownerKind(), pod.ownerName(), d.container, d.time, d.time, d.time, 1, d.reason, d.message,
                    d.exitCode, d.signal, d.restartCount, d.ip, d.grace, d.memoryLimit, pod.labels(), source)).toList();
        }
    }

    private static final class Draft {
        private final FactType type;
        private final Instant time;
        private String ip;
        private String container;
        private String reason;
        private String message;
        private Integer exitCode;
        private Integer signal;
        private Integer restartCount;
        private Long grace;
        private String memoryLimit;

        Draft(FactType type, Instant time, String ip) {
            this.type = type;
            this.time = time;
            this.ip = ip;
        }

        Draft ip(String value) {
            ip = value;
            return this;
        }

        Draft container(ContainerSnapshot value) {
            container = value.name();
            restartCount = value.restartCount();
            memoryLimit = value.memoryLimit();
            return this;
        }

        Draft reason(String value) {
            reason = value;
            return this;
        }

        Draft message(String value) {
            message = value;
            return this;
        }

        Draft exit(Integer code, Integer signalNumber) {
            exitCode = code;
            signal = signalNumber;
            return this;
        }

        Draft grace(Long seconds) {
            grace = seconds;
            return this;
        }
    }
}

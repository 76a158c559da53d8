package io.resetwatch.lifecycle;

import java.time.Instant;

/**
 * One container state ({@code state} or {@code lastState} of a container status).
 *
 * @param containerId the runtime's id of that run; tells one termination from another
 */
public record ContainerState(
        Kind kind,
        String reason,
        String message,
        Integer exitCode,
        Integer signal,
        Instant startedAt,
        Instant finishedAt,
        String containerId) {

    public enum Kind { RUNNING, WAITING, TERMINATED }

    public boolean isTerminated() {
        return kind == Kind.TERMINATED;
    }

    public boolean isWaiting(String waitingReason) {
        return kind == Kind.WAITING && waitingReason.equals(reason);
    }
}

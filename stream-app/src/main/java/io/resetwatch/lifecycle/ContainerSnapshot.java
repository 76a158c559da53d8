package io.resetwatch.lifecycle;

/**
 * One container of a pod as the pod object states it.
 *
 * @param init           an init container (Istio's native-sidecar mode runs {@code istio-proxy} as one)
 * @param state          current state, null when the status does not say
 * @param lastTerminated the previous run's end ({@code lastState.terminated}), null when none
 * @param memoryLimit    {@code resources.limits.memory} as written ("200Mi"), when the spec is present
 */
public record ContainerSnapshot(
        String name,
        boolean init,
        int restartCount,
        ContainerState state,
        ContainerState lastTerminated,
        String memoryLimit) {
}

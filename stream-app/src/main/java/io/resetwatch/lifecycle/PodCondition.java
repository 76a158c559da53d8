package io.resetwatch.lifecycle;

import java.time.Instant;

/** A pod condition of interest: {@code Ready}, {@code DisruptionTarget}, {@code PodReadyToStartContainers}. */
public record PodCondition(String type, String status, String reason, String message, Instant lastTransitionTime) {

    public boolean isTrue() {
        return "True".equals(status);
    }
}

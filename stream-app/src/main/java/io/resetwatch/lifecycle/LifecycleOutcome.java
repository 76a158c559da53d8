package io.resetwatch.lifecycle;

import io.resetwatch.model.LifecycleFact;
import java.util.List;

/**
 * What one pod-lifecycle record turned out to be. {@code format} is the detected shape: exporter-event,
 * core-v1-event, events-k8s-io-v1, eventrouter, pod-watch, pod, or unknown when no shape was recognized.
 */
public sealed interface LifecycleOutcome {

    String format();

    /** An Event, normalized into facts (usually one). */
    record Facts(List<LifecycleFact> facts, String format) implements LifecycleOutcome {
        public Facts {
            facts = List.copyOf(facts);
        }
    }

    /** A pod object or pod watch event; the facts come from {@link PodTransitions} against the previous state. */
    record PodObserved(PodSnapshot snapshot, String format) implements LifecycleOutcome {
    }

    /** Well-formed but carrying no lifecycle evidence; {@code reason} is one of a small fixed set (a metric tag). */
    record Skipped(String reason, String format) implements LifecycleOutcome {
    }

    /** Cannot be parsed; {@code reason} is one line and never echoes the input. */
    record Rejected(String reason, String format) implements LifecycleOutcome {
    }
}

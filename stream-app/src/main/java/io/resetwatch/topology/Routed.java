package io.resetwatch.topology;

import io.resetwatch.lifecycle.PodSnapshot;
import io.resetwatch.model.LifecycleFact;

/** What an ingest processor hands on; the topology routes each kind to its own sink. */
sealed interface Routed {

    /** The original bytes, unchanged, for the dead-letter topic (reason and origin travel in headers). */
    record DeadLetter(byte[] key, byte[] value) implements Routed {
    }

    record Shuffle(ShuffleMessage message) implements Routed {
    }

    record Fact(LifecycleFact fact) implements Routed {
    }

    record Snapshot(PodSnapshot snapshot) implements Routed {
    }
}

package io.resetwatch.http;

import org.apache.kafka.streams.KafkaStreams;

/** Health logic, apart from the HTTP server: live unless the client failed; ready only when RUNNING. */
public final class Health {

    private final KafkaStreams streams;

    public Health(KafkaStreams streams) {
        this.streams = streams;
    }

    /** A restoring or rebalancing client is alive: killing it would only restart the restore. */
    public boolean live() {
        KafkaStreams.State state = streams.state();
        return state != KafkaStreams.State.ERROR && state != KafkaStreams.State.PENDING_ERROR;
    }

    public boolean ready() {
        return streams.state() == KafkaStreams.State.RUNNING;
    }

    public String state() {
        return streams.state().name();
    }
}

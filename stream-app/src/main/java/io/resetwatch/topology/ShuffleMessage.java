package io.resetwatch.topology;

import io.resetwatch.window.Observation;

/**
 * What crosses the upstream repartition topic: an observation keyed by its upstream, or a source partition's
 * watermark, sent to every partition so each upstream task knows how far every source has got.
 */
public record ShuffleMessage(Observation observation, Watermark watermark) {

    /**
     * @param source the input partition that sent it
     * @param timeMs that partition's event time: the newest record time it has accepted, or, when idle, that
     *               time advanced by the wall-clock time since its last record
     * @param idle   no record for the idle timeout: other partitions must not wait for this one
     */
    public record Watermark(int source, long timeMs, boolean idle) {
    }

    static ShuffleMessage of(Observation observation) {
        return new ShuffleMessage(observation, null);
    }

    static ShuffleMessage of(Watermark watermark) {
        return new ShuffleMessage(null, watermark);
    }
}

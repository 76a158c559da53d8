package io.resetwatch.window;

/** Caps that keep a window's state bounded by cardinality, never by traffic. */
public record WindowLimits(int maxPodsPerWindow, int maxFailedRequestIds, int sampleRequestIds) {

    public static final WindowLimits DEFAULTS = new WindowLimits(500, 10_000, 5);
}

package io.resetwatch.classify;

/**
 * Distribution of the durations of reset requests in a window, estimated from a log-bucket histogram.
 *
 * @param count              resets with a known duration
 * @param medianMs           estimated median
 * @param p10Ms              estimated 10th percentile
 * @param p90Ms              estimated 90th percentile
 * @param fractionNearMedian share of resets whose duration lies within ±10 % of the median (1.0 = all clustered)
 */
public record DurationStats(long count, long medianMs, long p10Ms, long p90Ms, double fractionNearMedian) {

    public static final DurationStats EMPTY = new DurationStats(0, 0, 0, 0, 0.0);
}

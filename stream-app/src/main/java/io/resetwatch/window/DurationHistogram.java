package io.resetwatch.window;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.resetwatch.classify.DurationStats;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reset durations in logarithmic buckets 5 % wide: bounded (a few hundred buckets at most, whatever the
 * traffic), mergeable, and fine enough to see durations clustered at one value (30 s, 120 s).
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
public final class DurationHistogram {

    private static final double LOG_BASE = Math.log(1.05);

    private final TreeMap<Integer, Long> buckets = new TreeMap<>();
    private long count;

    public void add(long durationMs) {
        if (durationMs < 0) {
            return;
        }
        buckets.merge(bucketOf(durationMs), 1L, Long::sum);
        count++;
    }

    public void addAll(DurationHistogram other) {
        other.buckets.forEach((bucket, n) -> buckets.merge(bucket, n, Long::sum));
        count += other.count;
    }

    public long count() {
        return count;
    }

    public DurationStats stats() {
        if (count == 0) {
            return DurationStats.EMPTY;
        }
        long median = quantile(0.5);
        long near = 0;
        for (Map.Entry<Integer, Long> e : buckets.entrySet()) {
            long value = valueOf(e.getKey());
            if (Math.abs(value - median) <= Math.max(1, median * 0.10)) {
                near += e.getValue();
            }
        }
        return new DurationStats(count, median, quantile(0.1), quantile(0.9), (double) near / count);
    }

    long quantile(double q) {
        long rank = (long) Math.ceil(q * count);
        long seen = 0;
        for (Map.Entry<Integer, Long> e : buckets.entrySet()) {
            seen += e.getValue();
            if (seen >= Math.max(1, rank)) {
                return valueOf(e.getKey());
            }
        }
        return valueOf(buckets.lastKey());
    }

    private static int bucketOf(long durationMs) {
        return (int) Math.floor(Math.log1p(durationMs) / LOG_BASE);
    }

    /** The bucket's geometric middle, rounded to whole milliseconds. */
    private static long valueOf(int bucket) {
        return Math.round(Math.expm1((bucket + 0.5) * LOG_BASE));
    }
}

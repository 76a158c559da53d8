package io.resetwatch.forward;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential back-off with jitter between delivery attempts. The delay doubles from {@code initial} up to
 * {@code max}; jitter takes a random share of it away so that many forwarders do not retry in lock step.
 *
 * @param jitter share of the delay that may be removed at random, 0..1
 */
public record Backoff(Duration initial, Duration max, double jitter) {

    public static final Backoff DEFAULT = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30), 0.5);

    public Backoff {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < initial <= max");
        }
        if (jitter < 0 || jitter > 1) {
            throw new IllegalArgumentException("backoff jitter must be within 0..1");
        }
    }

    /** The pause before retry number {@code attempt} (1 = first retry). */
    public Duration delay(int attempt, RandomGenerator random) {
        int doublings = Math.min(Math.max(attempt - 1, 0), 30);
        long ceiling = Math.min(max.toMillis(), initial.toMillis() << doublings);
        long cut = (long) (ceiling * jitter * random.nextDouble());
        return Duration.ofMillis(Math.max(1, ceiling - cut));
    }
}

package io.resetwatch.classify;

import java.time.Duration;

/**
 * Tuning of the {@link Classifier}.
 *
 * @param clockSkew               tolerance when comparing fact times with the window and with each other: event,
 *                                container and proxy times come from different clocks (DOMAIN §9); default 2 s
 * @param maxEvidencePerCandidate evidence items kept per candidate, most telling first; default 8
 */
public record ClassifierSettings(Duration clockSkew, int maxEvidencePerCandidate) {

    public static final ClassifierSettings DEFAULTS = new ClassifierSettings(Duration.ofSeconds(2), 8);

    public ClassifierSettings {
        if (clockSkew == null) {
            clockSkew = Duration.ofSeconds(2);
        }
        if (clockSkew.isNegative()) {
            throw new IllegalArgumentException("clockSkew must not be negative: " + clockSkew);
        }
        if (maxEvidencePerCandidate < 1) {
            throw new IllegalArgumentException("maxEvidencePerCandidate must be at least 1: " + maxEvidencePerCandidate);
        }
    }
}

package io.resetwatch.classify;

/** The few ways rules turn evidence strength into a confidence. */
final class Confidence {

    private Confidence() {
    }

    /**
     * Pod-level causes: a floor for having found the fact at all, the rest from how much of the resets the pods
     * with the fact carry and how strong and close the fact is; corroboration adds, contradiction subtracts.
     */
    static double lifecycle(double weightedStrength, double corroboration, double penalty) {
        return round(0.15 + 0.8 * weightedStrength + corroboration - penalty);
    }

    /** Independent signals that agree: 1 − Π(1 − s). */
    static double noisyOr(double... signals) {
        double none = 1.0;
        for (double s : signals) {
            none *= 1.0 - WindowContext.clamp(s);
        }
        return 1.0 - none;
    }

    /** Confidence from a sample of n: 0 for none, ½ at n = 3, approaching 1. */
    static double sample(long n) {
        return n <= 0 ? 0.0 : n / (n + 3.0);
    }

    /** Clamped to [0.01, 0.99] (evidence never makes a cause certain or impossible) and rounded for reading. */
    static double round(double value) {
        double clamped = Math.max(0.01, Math.min(0.99, Double.isNaN(value) ? 0.01 : value));
        return Math.round(clamped * 1000) / 1000.0;
    }
}

package io.resetwatch.config;

/**
 * When an upstream fires and when it resolves (CONTRACTS §4). A burst fires inside its window as soon as both
 * its count and ratio are reached; a sustained low rate fires at the close of the N-th consecutive window with
 * at least {@code sustainedMinFailed}. It resolves after {@code resolveWindows} closed windows with fewer than
 * {@code resolveBelowFailed} failed requests — a lower bar than firing, so it does not flap.
 */
public record Thresholds(
        long burstMinFailed,
        double burstMinRatio,
        double criticalRatio,
        long sustainedMinFailed,
        int sustainedWindows,
        long resolveBelowFailed,
        int resolveWindows) {

    public static final Thresholds DEFAULTS = new Thresholds(5, 0.01, 0.05, 3, 3, 2, 3);

    public Thresholds {
        if (burstMinFailed < 1 || sustainedMinFailed < 1 || sustainedWindows < 1 || resolveWindows < 1) {
            throw new IllegalArgumentException("thresholds must be at least 1");
        }
        if (resolveBelowFailed > sustainedMinFailed || resolveBelowFailed > burstMinFailed) {
            throw new IllegalArgumentException("the resolve bar must not be above a firing bar (hysteresis)");
        }
        if (burstMinRatio < 0 || burstMinRatio > 1 || criticalRatio < 0 || criticalRatio > 1) {
            throw new IllegalArgumentException("ratios must lie in [0,1]");
        }
    }
}

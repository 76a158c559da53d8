package io.resetwatch.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** threshold.override.<namespace>[.<service>].<name>: the most specific scope wins, through Settings.thresholdsFor. */
class ThresholdOverridesTest {

    private static Settings load(Map<String, String> flags) {
        return RuntimeConfig.load(null, Map.of(), flags).settings();
    }

    @Test
    void shouldApplyANamespaceOverrideToEveryServiceOfTheNamespace() {
        Settings settings = load(Map.of("threshold.override.payments.burst.min-failed", "10"));
        assertThat(settings.thresholdsFor("payments", "ledger").burstMinFailed()).isEqualTo(10);
        assertThat(settings.thresholdsFor("payments", "checkout").burstMinFailed()).isEqualTo(10);
        assertThat(settings.thresholdsFor("shop", "cart")).isEqualTo(Thresholds.DEFAULTS);
    }

    @Test
    void shouldLetAServiceOverrideWinOverItsNamespace() {
        Settings settings = load(Map.of(
                "threshold.override.payments.burst.min-failed", "10",
                "threshold.override.payments.checkout.burst.min-failed", "20"));
        assertThat(settings.thresholdsFor("payments", "checkout").burstMinFailed()).isEqualTo(20);
        assertThat(settings.thresholdsFor("payments", "ledger").burstMinFailed()).isEqualTo(10);
    }

    @Test
    void shouldInheritWhatAServiceOverrideDoesNotSetFromItsNamespaceThenTheGlobalThresholds() {
        Settings settings = load(Map.of(
                "threshold.burst.min-ratio", "0.02",
                "threshold.override.payments.resolve.windows", "5",
                "threshold.override.payments.checkout.burst.min-failed", "20"));
        Thresholds checkout = settings.thresholdsFor("payments", "checkout");
        assertThat(checkout.burstMinFailed()).isEqualTo(20);
        assertThat(checkout.resolveWindows()).isEqualTo(5);
        assertThat(checkout.burstMinRatio()).isEqualTo(0.02);
        assertThat(checkout.sustainedWindows()).isEqualTo(Thresholds.DEFAULTS.sustainedWindows());
    }

    @Test
    void shouldAcceptNamespaceAndServiceNamesWithDashes() {
        Settings settings = load(Map.of(
                "threshold.override.team-a.checkout-api.sustained.min-failed", "7",
                "threshold.override.team-a.burst.min-failed", "8"));
        assertThat(settings.thresholdsFor("team-a", "checkout-api").sustainedMinFailed()).isEqualTo(7);
        assertThat(settings.thresholdsFor("team-a", "checkout-api").burstMinFailed()).isEqualTo(8);
        assertThat(settings.thresholdsFor("team-a", "cart").sustainedMinFailed())
                .isEqualTo(Thresholds.DEFAULTS.sustainedMinFailed());
    }

    @Test
    void shouldNameAnUnknownThresholdName() {
        assertThatThrownBy(() -> load(Map.of("threshold.override.payments.burst.min-failures", "3")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("threshold.override.payments.burst.min-failures: unknown threshold");
    }

    @Test
    void shouldNameAnOverrideWithMoreThanNamespaceAndService() {
        assertThatThrownBy(() -> load(Map.of("threshold.override.a.b.c.burst.min-failed", "3")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("threshold.override.a.b.c.burst.min-failed: expected");
    }

    @Test
    void shouldNameAnOverrideWhoseScopeIsNotAKubernetesName() {
        assertThatThrownBy(() -> load(Map.of("threshold.override.Payments.burst.min-failed", "3")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("threshold.override.Payments.burst.min-failed: expected");
    }

    @Test
    void shouldNameAnInvalidOverrideValue() {
        assertThatThrownBy(() -> load(Map.of("threshold.override.payments.checkout.critical-ratio", "2")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("threshold.override.payments.checkout.critical-ratio: must be a ratio");
    }

    @Test
    void shouldNameTheOverrideThatBreaksHysteresis() {
        // The service lowers its burst bar below the inherited resolve bar (2): it would flap.
        assertThatThrownBy(() -> load(Map.of("threshold.override.payments.checkout.burst.min-failed", "1")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("threshold.override.payments.checkout.burst.min-failed: the resolve bar");
    }

    @Test
    void shouldRefuseOverridesFromTheEnvironmentBecauseTheirNamesWouldBeAmbiguous() {
        assertThatThrownBy(() -> RuntimeConfig.load(null,
                Map.of("RESETWATCH_THRESHOLD_OVERRIDE_PAYMENTS_BURST_MIN_FAILED", "3"), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("RESETWATCH_THRESHOLD_OVERRIDE_PAYMENTS_BURST_MIN_FAILED: threshold overrides "
                        + "cannot come from the environment");
    }
}

package io.resetwatch.topology;

import static io.resetwatch.topology.TopologyHarness.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.resetwatch.config.Settings;
import io.resetwatch.model.Alert;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlertLifecycleTest {

    private static final long START = T0.toEpochMilli();

    private static void burst(TopologyHarness h, long atMs, int resets, String prefix) {
        for (int i = 0; i < resets; i++) {
            h.access(Lines.inboundUc("shop", "checkout", "checkout-1", "10.0.1.1", atMs + i * 100, prefix + i), atMs + i * 100);
        }
    }

    @Test
    void shouldPageAsSoonAsTheBurstThresholdIsCrossedBeforeTheWindowCloses() {
        try (TopologyHarness h = new TopologyHarness()) {
            h.healthy("shop", "checkout", "checkout-1", "10.0.1.1", START, START + 30_000);
            burst(h, START + 30_000, 4, "r");
            assertThat(h.alerts()).isEmpty();

            burst(h, START + 31_000, 1, "x");

            List<Alert> alerts = h.alerts();
            assertThat(alerts).hasSize(1);
            Alert alert = alerts.get(0);
            assertThat(alert.status()).isEqualTo("firing");
            assertThat(alert.revision()).isEqualTo(1);
            assertThat(alert.alertKey()).isEqualTo("default/shop/checkout");
            assertThat(alert.uniqueFailedRequests()).isEqualTo(5);
            assertThat(alert.windowEnd()).isEqualTo(T0.plusSeconds(60));
        }
    }

    @Test
    void shouldResolveOnIdleInputAfterThreeCalmWindowsAndNeverRepeatAnIdenticalFiringRecord() {
        try (TopologyHarness h = new TopologyHarness()) {
            h.healthy("shop", "checkout", "checkout-1", "10.0.1.1", START, START + 50_000);
            burst(h, START + 20_000, 8, "a");
            burst(h, START + 40_000, 8, "b");
            assertThat(h.alerts()).extracting(Alert::status).containsExactly("firing");

            // The service died: nothing more arrives. Wall-clock advance must still close windows and resolve.
            h.idleFor(Duration.ofSeconds(320));

            List<Alert> alerts = h.alerts();
            assertThat(alerts.get(alerts.size() - 1).status()).isEqualTo("resolved");
            assertThat(alerts.get(alerts.size() - 1).resolvedAt()).isNotNull();
            assertThat(alerts).extracting(Alert::revision).isSorted().doesNotHaveDuplicates();
            for (int i = 1; i < alerts.size(); i++) {
                Alert previous = alerts.get(i - 1);
                Alert current = alerts.get(i);
                if (previous.firing() && current.firing()) {
                    assertThat(List.of(current.cause(), current.severity(), current.pods()))
                            .isNotEqualTo(List.of(previous.cause(), previous.severity(), previous.pods()));
                }
            }
            assertThat(h.counter("resetwatch.idle.advances")).isPositive();
        }
    }

    /**
     * With a long grace, the windows before the incident are still open when the page goes out. Their closing
     * (calm, since the trouble had not started) is no sign of recovery: found by the fault tests, where a lagging
     * partition kept three earlier windows open and the incident resolved before its own window closed.
     */
    @Test
    void shouldNotCountWindowsBeforeTheIncidentTowardsItsResolution() {
        Settings d = Settings.defaults();
        Settings longGrace = new Settings(d.k8sCluster(), d.topics(), d.windowSize(), Duration.ofSeconds(180),
                d.lookBack(), d.lookAhead(), d.clockSkew(), d.idleTimeout(), d.maxClockJump(), d.pagingHorizon(),
                d.factRetention(), d.thresholds(), d.thresholdOverrides(), d.excludedNamespaces(),
                d.excludedServices(), d.excludedPathPrefixes(), d.maxRecordBytes(), d.windowLimits(),
                d.maxEvidenceItems());
        try (TopologyHarness h = new TopologyHarness(longGrace)) {
            h.healthy("shop", "checkout", "checkout-1", "10.0.1.1", START, START + 200_000);
            burst(h, START + 200_000, 10, "p");
            h.healthy("shop", "checkout", "checkout-1", "10.0.1.1", START + 201_000, START + 420_000);

            List<Alert> alerts = h.alerts();
            assertThat(alerts).extracting(Alert::status).containsExactly("firing");
            assertThat(alerts).extracting(Alert::startedAt).containsOnly(T0.plusSeconds(200));
        }
    }

    @Test
    void shouldOpenANewIncidentWithRevisionOneAfterAResolve() {
        try (TopologyHarness h = new TopologyHarness()) {
            h.healthy("shop", "checkout", "checkout-1", "10.0.1.1", START, START + 20_000);
            burst(h, START + 20_000, 8, "a");
            h.healthy("shop", "checkout", "checkout-1", "10.0.1.1", START + 21_000, START + 500_000);
            burst(h, START + 500_000, 8, "b");
            h.healthy("shop", "checkout", "checkout-1", "10.0.1.1", START + 501_000, START + 600_000);
            h.idleFor(Duration.ofSeconds(400));

            List<Alert> alerts = h.alerts();
            assertThat(alerts).extracting(Alert::status)
                    .containsSubsequence("firing", "resolved", "firing", "resolved");
            Alert second = alerts.stream().filter(a -> a.firing() && a.startedAt().isAfter(T0.plusSeconds(400)))
                    .findFirst().orElseThrow();
            assertThat(second.revision()).isEqualTo(1);
        }
    }
}

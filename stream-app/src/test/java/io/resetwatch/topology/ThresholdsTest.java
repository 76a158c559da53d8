package io.resetwatch.topology;

import static io.resetwatch.topology.TopologyHarness.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.resetwatch.config.Settings;
import io.resetwatch.config.Thresholds;
import io.resetwatch.model.Alert;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ThresholdsTest {

    private static final long START = T0.toEpochMilli();

    @Test
    void shouldNotFireOnAHandfulOfIsolatedErrorsInAnHour() {
        try (TopologyHarness h = new TopologyHarness()) {
            for (long t = START; t < START + 3_600_000; t += 2_000) {
                h.access(Lines.outboundOk("shop", "cart", "10.0.2.1", t, "ok" + t), t);
            }
            for (int i = 0; i < 6; i++) {
                long t = START + i * 600_000 + 7_000;
                h.access(Lines.inboundUc("shop", "cart", "cart-1", "10.0.2.1", t, "iso" + i), t);
            }
            h.idleFor(Duration.ofSeconds(200));
            assertThat(h.alerts()).isEmpty();
        }
    }

    @Test
    void shouldFireASustainedLowRateAtTheCloseOfItsThirdWindow() {
        try (TopologyHarness h = new TopologyHarness()) {
            for (int w = 0; w < 3; w++) {
                long windowStart = START + w * 60_000;
                h.healthy("shop", "cart", "cart-1", "10.0.2.1", windowStart, windowStart + 60_000);
                for (int i = 0; i < 4; i++) {
                    long t = windowStart + 10_000 + i * 9_000;
                    h.access(Lines.inboundUc("shop", "cart", "cart-1", "10.0.2.1", t, "s" + w + i), t);
                }
            }
            assertThat(h.alerts()).as("4 failed requests a window never make a burst").isEmpty();
            h.healthy("shop", "cart", "cart-1", "10.0.2.1", START + 180_000, START + 400_000);
            List<Alert> alerts = h.alerts();
            assertThat(alerts).isNotEmpty();
            Alert first = alerts.get(0);
            assertThat(first.status()).isEqualTo("firing");
            assertThat(first.windowStart()).isEqualTo(T0.plusSeconds(120));
            assertThat(first.uniqueFailedRequests()).isEqualTo(4);
        }
    }

    @Test
    void shouldApplyANamespaceOverride() {
        Settings d = Settings.defaults();
        Settings strict = new Settings(d.k8sCluster(), d.topics(), d.windowSize(), d.grace(), d.lookBack(),
                d.lookAhead(), d.clockSkew(), d.idleTimeout(), d.maxClockJump(), d.pagingHorizon(), d.factRetention(),
                d.thresholds(), Map.of("shop", new Thresholds(20, 0.01, 0.05, 10, 3, 2, 3)), Set.of(), Set.of(),
                List.of(), d.maxRecordBytes(), d.windowLimits(), d.maxEvidenceItems());
        try (TopologyHarness h = new TopologyHarness(strict)) {
            h.healthy("shop", "cart", "cart-1", "10.0.2.1", START, START + 60_000);
            for (int i = 0; i < 8; i++) {
                long t = START + 20_000 + i * 100;
                h.access(Lines.inboundUc("shop", "cart", "cart-1", "10.0.2.1", t, "o" + i), t);
            }
            assertThat(h.alerts()).isEmpty();
        }
    }

    @Test
    void shouldKeepExcludedPathsOutOfWindows() {
        Settings d = Settings.defaults();
        Settings excluding = new Settings(d.k8sCluster(), d.topics(), d.windowSize(), d.grace(), d.lookBack(),
                d.lookAhead(), d.clockSkew(), d.idleTimeout(), d.maxClockJump(), d.pagingHorizon(), d.factRetention(),
                d.thresholds(), Map.of(), Set.of("kube-system"), Set.of("shop/legacy"), List.of("/items"),
                d.maxRecordBytes(), d.windowLimits(), d.maxEvidenceItems());
        try (TopologyHarness h = new TopologyHarness(excluding)) {
            for (int i = 0; i < 8; i++) {
                long t = START + 20_000 + i * 100;
                h.access(Lines.inboundUc("shop", "cart", "cart-1", "10.0.2.1", t, "e" + i), t);
            }
            assertThat(h.alerts()).isEmpty();
            assertThat(h.counter("resetwatch.excluded")).isEqualTo(8);
        }
    }
}

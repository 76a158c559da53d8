package io.resetwatch.topology;

import static io.resetwatch.topology.TopologyHarness.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.resetwatch.model.Alert;
import java.util.List;
import org.junit.jupiter.api.Test;

class WindowingTest {

    private static final long START = T0.toEpochMilli();

    @Test
    void shouldCountARequestResetOnBothSidecarsAsOneFailedRequest() {
        try (TopologyHarness h = new TopologyHarness()) {
            h.healthy("shop", "checkout", "checkout-1", "10.0.1.1", START, START + 30_000);
            for (int i = 0; i < 4; i++) {
                resetSeenByBothSidecars(h, START + 30_000 + i * 100, "both" + i);
            }
            assertThat(h.alerts()).as("8 reset lines, 4 failed requests: under the burst threshold of 5").isEmpty();

            resetSeenByBothSidecars(h, START + 31_000, "both4");

            Alert alert = h.alerts().get(0);
            assertThat(alert.uniqueFailedRequests()).isEqualTo(5);
            assertThat(alert.resetsTotal()).isEqualTo(9);
            assertThat(alert.requestsInbound()).isEqualTo(35);
            assertThat(alert.requestsOutbound()).isEqualTo(34);
            assertThat(alert.pods()).extracting(Alert.AlertPod::name).containsExactly("checkout-1");
        }
    }

    /** The inbound line first: the threshold is crossed by its request id, before the caller's line arrives. */
    private static void resetSeenByBothSidecars(TopologyHarness h, long t, String id) {
        h.access(Lines.inboundUc("shop", "checkout", "checkout-1", "10.0.1.1", t, id), t);
        h.access(Lines.outbound("shop", "checkout", "10.0.1.1", t + 1, 503, "UC",
                "upstream_reset_before_response_started{connection_termination}", 21, id), t + 1);
    }

    @Test
    void shouldCountRecordsBeyondTheGraceAsLateAndLeaveThemOut() {
        try (TopologyHarness h = new TopologyHarness()) {
            h.healthy("shop", "checkout", "checkout-1", "10.0.1.1", START, START + 300_000);
            for (int i = 0; i < 10; i++) {
                long t = START + 10_000 + i;
                h.access(Lines.inboundUc("shop", "checkout", "checkout-1", "10.0.1.1", t, "late" + i), START + 300_000);
            }
            assertThat(h.counter("resetwatch.late.records")).isEqualTo(10);
            assertThat(h.alerts()).isEmpty();
        }
    }

    @Test
    void shouldNotLetOneFarFutureRecordCloseEveryWindow() {
        try (TopologyHarness h = new TopologyHarness()) {
            h.healthy("shop", "checkout", "checkout-1", "10.0.1.1", START, START + 20_000);
            long tomorrow = START + 86_400_000;
            h.access(Lines.outboundOk("shop", "cart", "10.0.2.1", tomorrow, "future"), tomorrow);
            for (int i = 0; i < 6; i++) {
                long t = START + 21_000 + i * 100;
                h.access(Lines.inboundUc("shop", "checkout", "checkout-1", "10.0.1.1", t, "f" + i), t);
            }
            assertThat(h.counter("resetwatch.future.records")).isEqualTo(1);
            assertThat(h.counter("resetwatch.late.records")).isZero();
            List<Alert> alerts = h.alerts();
            assertThat(alerts).extracting(Alert::service).contains("checkout");
        }
    }
}

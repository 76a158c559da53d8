package io.resetwatch.topology;

import static io.resetwatch.topology.TopologyHarness.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.resetwatch.model.Alert;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The join looks facts up when a window is evaluated, so whether logs or facts come first does not matter. */
class JoinOrderIndependenceTest {

    private static final long START = T0.toEpochMilli();
    private static final long KILL = START + 30_000;
    private static final String OOM_POD = Lines.pod("MODIFIED", "shop", "checkout-7d9f-x2kqp", "uid-1", "10.0.1.1",
            "node-a", "checkout", "OOMKilled", 137, KILL, 1);

    @Test
    void shouldReachTheSameCauseWhetherTheOomFactArrivesBeforeOrAfterTheResets() {
        Alert factsFirst = finalFiring(true);
        Alert logsFirst = finalFiring(false);
        assertThat(factsFirst.cause()).isEqualTo("OOM_KILLED");
        assertThat(logsFirst.cause()).isEqualTo("OOM_KILLED");
        assertThat(logsFirst.pods()).extracting(Alert.AlertPod::name)
                .isEqualTo(factsFirst.pods().stream().map(Alert.AlertPod::name).toList());
    }

    private static Alert finalFiring(boolean factsFirst) {
        try (TopologyHarness h = new TopologyHarness()) {
            h.pod(Lines.pod("ADDED", "shop", "checkout-7d9f-x2kqp", "uid-1", "10.0.1.1", "node-a", "checkout", null,
                    null, 0, 0), START - 3_600_000);
            h.healthy("shop", "checkout", "checkout-7d9f-x2kqp", "10.0.1.1", START, KILL);
            if (factsFirst) {
                h.pod(OOM_POD, KILL + 2_000);
            }
            for (int i = 0; i < 10; i++) {
                long t = KILL + i * 50;
                h.access(Lines.inboundUc("shop", "checkout", "checkout-7d9f-x2kqp", "10.0.1.1", t, "oom" + i), t);
            }
            h.healthy("shop", "checkout", "checkout-7d9f-x2kqp", "10.0.1.1", KILL + 1_000, KILL + 75_000);
            if (!factsFirst) {
                // Within the grace: the kubelet's status update reached Kafka 45 s after the kill.
                h.pod(OOM_POD, KILL + 45_000);
            }
            h.healthy("shop", "checkout", "checkout-7d9f-x2kqp", "10.0.1.1", KILL + 75_000, KILL + 200_000);
            h.idleFor(Duration.ofSeconds(60));
            List<Alert> alerts = h.alerts();
            return alerts.stream().filter(Alert::firing).reduce((a, b) -> b).orElseThrow();
        }
    }

    @Test
    void shouldResolveAReusedIpToThePodThatHeldItAtTheTimeOfTheRequest() {
        try (TopologyHarness h = new TopologyHarness()) {
            String ip = "10.0.3.3";
            h.pod(Lines.pod("ADDED", "shop", "cart-old", "uid-old", ip, "node-a", "cart", null, null, 0, 0),
                    START - 600_000);
            h.pod(Lines.pod("DELETED", "shop", "cart-old", "uid-old", ip, "node-a", "cart", null, null, 0, 0),
                    START - 300_000);
            h.pod(Lines.pod("ADDED", "shop", "cart-new", "uid-new", ip, "node-b", "cart", null, null, 0, 0),
                    START - 200_000);
            for (long t = START; t < START + 30_000; t += 1000) {
                h.access(Lines.outboundOk("shop", "cart", ip, t, "ok" + t), t);
            }
            for (int i = 0; i < 6; i++) {
                long t = START + 30_000 + i * 100;
                h.access(Lines.outbound("shop", "cart", ip, t, 503, "UC",
                        "upstream_reset_before_response_started{connection_termination}", 10, "r" + i), t);
            }
            Alert alert = h.alerts().get(0);
            assertThat(alert.pods()).extracting(Alert.AlertPod::name).containsExactly("cart-new");
            assertThat(alert.pods()).extracting(Alert.AlertPod::node).containsExactly("node-b");
        }
    }
}

package io.resetwatch.scenario;

import static io.resetwatch.scenario.Scenarios.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.resetwatch.model.Alert;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** APP_TIMEOUT through replay: something in cart's pods cuts slow requests at 30 s (inbound UC at 30 000 ms). */
class AppTimeoutScenarioTest {

    @Test
    void shouldNameAnInPodTimeoutFromDurationsClusteredAtThirtySeconds() {
        Scenarios.Mesh mesh = new Scenarios.Mesh();
        mesh.sim.appTimeout(mesh.cart, T0.plusSeconds(60), Duration.ofMinutes(3), 8, 30_000);

        List<Alert> alerts = Scenarios.alertsOf(mesh, "cart");
        Alert last = Scenarios.finalFiring(alerts);
        Scenarios.record("30 s in-pod timeout on cart", last);
        assertThat(last.cause()).isEqualTo("APP_TIMEOUT");
        assertThat(last.confidence()).isGreaterThan(0.5);
        assertThat(String.join(" ", last.evidence()) + last.remediation()).contains("30");
        assertThat(Scenarios.affectedPods(last)).isNotEmpty()
                .allMatch(name -> mesh.cart.pods().stream().anyMatch(p -> p.name().equals(name)));
        Scenarios.assertResolved(alerts);
    }
}

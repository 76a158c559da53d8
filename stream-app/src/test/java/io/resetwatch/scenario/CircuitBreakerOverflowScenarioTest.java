package io.resetwatch.scenario;

import static io.resetwatch.scenario.Scenarios.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.resetwatch.model.Alert;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * CIRCUIT_BREAKER_OVERFLOW through replay: for two minutes callers' sidecars refuse some checkout requests
 * themselves (503 UO overflow, no upstream host, 0–2 ms) while the rest flows.
 */
class CircuitBreakerOverflowScenarioTest {

    @Test
    void shouldNameTheOverflowAndNoPod() {
        Scenarios.Mesh mesh = new Scenarios.Mesh();
        mesh.sim.circuitBreakerOverflow(mesh.checkout, T0.plusSeconds(120), Duration.ofMinutes(2), 30);

        List<Alert> alerts = Scenarios.alertsOf(mesh, "checkout");
        Alert last = Scenarios.finalFiring(alerts);
        Scenarios.record("circuit-breaker overflow towards checkout", last);
        assertThat(last.cause()).isEqualTo("CIRCUIT_BREAKER_OVERFLOW");
        assertThat(last.confidence()).isGreaterThan(0.8);
        assertThat(Scenarios.affectedPods(last)).as("no upstream host was chosen").isEmpty();
        assertThat(last.remediation()).contains("checkout.shop.svc.cluster.local");
        Scenarios.assertResolved(alerts);
    }
}

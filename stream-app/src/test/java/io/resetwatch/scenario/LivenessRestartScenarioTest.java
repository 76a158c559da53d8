package io.resetwatch.scenario;

import static io.resetwatch.scenario.Scenarios.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.resetwatch.demo.MeshSimulator;
import io.resetwatch.model.Alert;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * LIVENESS_RESTART through replay: one cart pod hangs (durations grow, callers time out with 504 UT and its
 * sidecar logs 0 DC), fails its liveness probe three times, is killed by the kubelet (exit 143) and restarts.
 */
class LivenessRestartScenarioTest {

    @Test
    void shouldNameTheLivenessRestartNotACrash() {
        Scenarios.Mesh mesh = new Scenarios.Mesh();
        MeshSimulator.Pod victim = mesh.cart.pods().get(1);
        mesh.sim.livenessRestart(victim, T0.plusSeconds(150), 20);

        List<Alert> alerts = Scenarios.alertsOf(mesh, "cart");
        Alert last = Scenarios.finalFiring(alerts);
        Scenarios.record("liveness restart of one cart pod", last);
        assertThat(last.cause()).isEqualTo("LIVENESS_RESTART");
        assertThat(last.confidence()).isGreaterThan(0.7);
        assertThat(Scenarios.confidenceOf(last, "CONTAINER_CRASH")).isLessThan(0.3);
        assertThat(Scenarios.affectedPods(last)).containsExactly(victim.name());
        Scenarios.assertResolved(alerts);
    }
}

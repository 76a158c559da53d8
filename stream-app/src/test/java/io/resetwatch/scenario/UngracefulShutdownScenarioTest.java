package io.resetwatch.scenario;

import static io.resetwatch.scenario.Scenarios.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.resetwatch.demo.MeshSimulator;
import io.resetwatch.model.Alert;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * UNGRACEFUL_SHUTDOWN through replay: a rollout deletes one cart pod without draining; in-flight requests end in
 * UC, callers keep connecting to its stale IP, and the container is SIGKILLed after its grace period.
 */
class UngracefulShutdownScenarioTest {

    @Test
    void shouldNameARolloutThatKilledAPodBeforeItDrained() {
        Scenarios.Mesh mesh = new Scenarios.Mesh();
        MeshSimulator.Pod victim = mesh.cart.pods().get(2);
        mesh.sim.rolloutWithoutDrain(victim, T0.plusSeconds(100), 24);

        List<Alert> alerts = Scenarios.alertsOf(mesh, "cart");
        Alert last = Scenarios.finalFiring(alerts);
        Scenarios.record("rollout without draining of one cart pod", last);
        assertThat(last.cause()).isEqualTo("UNGRACEFUL_SHUTDOWN");
        assertThat(last.confidence()).isGreaterThan(0.7);
        assertThat(Scenarios.affectedPods(last)).containsExactly(victim.name());
        Scenarios.assertResolved(alerts);
    }
}

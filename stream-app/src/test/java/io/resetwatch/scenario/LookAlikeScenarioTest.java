package io.resetwatch.scenario;

import static io.resetwatch.scenario.Scenarios.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.resetwatch.demo.MeshSimulator;
import io.resetwatch.model.Alert;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Signatures that look alike and must not be confused: exit 143 after a drained deletion is no incident; exit 137
 * after a deletion is a kill after grace, not an OOM; connect timeouts to a gone pod's IP are a stale endpoint,
 * not the network.
 */
class LookAlikeScenarioTest {

    @Test
    void shouldFireNothingForARolloutThatDrainedEveryPod() {
        Scenarios.Mesh mesh = new Scenarios.Mesh();
        mesh.sim.gracefulRollout(mesh.cart, T0.plusSeconds(90));
        mesh.sim.gracefulRollout(mesh.checkout, T0.plusSeconds(150));

        assertThat(Scenarios.alertsOf(mesh)).isEmpty();
        System.out.println("SCENARIO graceful rollouts of cart and checkout: no alert");
    }

    @Test
    void shouldNotCallARolloutWithoutDrainingAnOomOrTheNetwork() {
        Scenarios.Mesh mesh = new Scenarios.Mesh();
        MeshSimulator.Pod victim = mesh.checkout.pods().get(0);
        mesh.sim.rolloutWithoutDrain(victim, T0.plusSeconds(120), 30);

        List<Alert> alerts = Scenarios.alertsOf(mesh, "checkout");
        Alert last = Scenarios.finalFiring(alerts);
        Scenarios.record("rollout without draining (exit 137, stale IP), checkout", last);
        assertThat(last.cause()).isEqualTo("UNGRACEFUL_SHUTDOWN");
        assertThat(alerts).filteredOn(Alert::firing).extracting(Alert::cause).containsOnly("UNGRACEFUL_SHUTDOWN");
        assertThat(Scenarios.confidenceOf(last, "OOM_KILLED")).isZero();
        assertThat(Scenarios.confidenceOf(last, "NETWORK")).isLessThan(0.3);
        assertThat(Scenarios.affectedPods(last)).containsExactly(victim.name());
        Scenarios.assertResolved(alerts);
    }
}

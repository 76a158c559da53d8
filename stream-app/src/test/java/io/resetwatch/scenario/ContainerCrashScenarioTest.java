package io.resetwatch.scenario;

import static io.resetwatch.scenario.Scenarios.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.resetwatch.demo.MeshSimulator;
import io.resetwatch.model.Alert;
import java.util.List;
import org.junit.jupiter.api.Test;

/** CONTAINER_CRASH through replay: one catalog pod's app exits 1 on its own, restarts, and backs off. */
class ContainerCrashScenarioTest {

    @Test
    void shouldNameACrashThatIsNotAnOom() {
        Scenarios.Mesh mesh = new Scenarios.Mesh();
        MeshSimulator.Pod victim = mesh.catalog.pods().get(0);
        mesh.sim.crash(victim, T0.plusSeconds(150), 30);

        List<Alert> alerts = Scenarios.alertsOf(mesh, "catalog");
        Alert last = Scenarios.finalFiring(alerts);
        Scenarios.record("crash (exit 1) of one catalog pod", last);
        assertThat(last.cause()).isEqualTo("CONTAINER_CRASH");
        assertThat(last.confidence()).isGreaterThan(0.6);
        assertThat(Scenarios.confidenceOf(last, "OOM_KILLED")).isZero();
        assertThat(Scenarios.affectedPods(last)).containsExactly(victim.name());
        Scenarios.assertResolved(alerts);
    }
}

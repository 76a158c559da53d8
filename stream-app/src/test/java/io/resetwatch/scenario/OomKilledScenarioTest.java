package io.resetwatch.scenario;

import static io.resetwatch.scenario.Scenarios.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.resetwatch.demo.MeshSimulator;
import io.resetwatch.model.Alert;
import java.util.List;
import org.junit.jupiter.api.Test;

/** OOM_KILLED through replay: one checkout pod's app container is OOM-killed (exit 137) and restarts. */
class OomKilledScenarioTest {

    @Test
    void shouldNameTheOomKillTheKilledPodAndItsMemoryLimit() {
        Scenarios.Mesh mesh = new Scenarios.Mesh();
        MeshSimulator.Pod victim = mesh.checkout.pods().get(1);
        mesh.sim.oomKill(victim, T0.plusSeconds(130), "256Mi", 30);

        List<Alert> alerts = Scenarios.alertsOf(mesh, "checkout");
        Alert last = Scenarios.finalFiring(alerts);
        Scenarios.record("oom-kill of one checkout pod", last);
        assertThat(last.cause()).isEqualTo("OOM_KILLED");
        assertThat(last.confidence()).isGreaterThan(0.7);
        assertThat(Scenarios.affectedPods(last)).containsExactly(victim.name());
        assertThat(last.remediation()).contains("256Mi");
        Scenarios.assertResolved(alerts);
    }
}

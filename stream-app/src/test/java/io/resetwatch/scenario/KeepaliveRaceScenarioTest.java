package io.resetwatch.scenario;

import static io.resetwatch.scenario.Scenarios.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.resetwatch.model.Alert;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** KEEPALIVE_RACE through replay: sporadic fast inbound UC on every catalog pod for four minutes, no lifecycle. */
class KeepaliveRaceScenarioTest {

    @Test
    void shouldNameAKeepAliveRaceSpreadOverEveryPod() {
        Scenarios.Mesh mesh = new Scenarios.Mesh();
        mesh.sim.keepAliveRace(mesh.catalog, T0.plusSeconds(60), Duration.ofMinutes(4), 4);

        List<Alert> alerts = Scenarios.alertsOf(mesh, "catalog");
        Alert last = Scenarios.finalFiring(alerts);
        Scenarios.record("keep-alive race on every catalog pod", last);
        assertThat(last.cause()).isEqualTo("KEEPALIVE_RACE");
        assertThat(last.confidence()).isGreaterThan(0.5);
        assertThat(Scenarios.affectedPods(last)).hasSize(mesh.catalog.pods().size());
        assertThat(last.severity()).isEqualTo("warning");
        Scenarios.assertResolved(alerts);
    }
}

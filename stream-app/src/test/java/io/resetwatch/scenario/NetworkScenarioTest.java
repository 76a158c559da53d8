package io.resetwatch.scenario;

import static io.resetwatch.scenario.Scenarios.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.resetwatch.model.Alert;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * NETWORK through replay: node-c drops off the network for 150 s. Callers' connects to the live pods on it time
 * out or fail with EHOSTUNREACH, every pod there gets NodeNotReady, and no container ends. Two services have a pod
 * on node-c; both alert, each naming only its node-c pod.
 */
class NetworkScenarioTest {

    @Test
    void shouldNameTheNodeNotThePodsForEveryServiceOnIt() {
        Scenarios.Mesh mesh = new Scenarios.Mesh();
        mesh.sim.networkPartition("node-c", T0.plusSeconds(120), Duration.ofSeconds(150), 24);

        List<Alert> alerts = Scenarios.alertsOf(mesh, "catalog", "payments");
        for (var service : List.of(mesh.catalog, mesh.payments)) {
            List<Alert> own = Scenarios.of(alerts, service.name());
            Alert last = Scenarios.finalFiring(own);
            Scenarios.record("partition of node-c, " + service.name(), last);
            assertThat(last.cause()).isEqualTo("NETWORK");
            assertThat(last.confidence()).isGreaterThan(0.5);
            assertThat(Scenarios.affectedPods(last)).containsExactlyElementsOf(service.pods().stream()
                    .filter(p -> p.node().equals("node-c")).map(p -> p.name()).sorted().toList());
            assertThat(last.remediation()).contains("node-c");
            Scenarios.assertResolved(own);
        }
    }
}

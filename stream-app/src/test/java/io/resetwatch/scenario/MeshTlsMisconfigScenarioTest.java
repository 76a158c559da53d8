package io.resetwatch.scenario;

import static io.resetwatch.scenario.Scenarios.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.resetwatch.model.Alert;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * MESH_TLS_MISCONFIG through replay: a DestinationRule applied at T0+120 s makes every handshake to payments fail
 * with CERTIFICATE_VERIFY_FAILED for 75 s, until it is reverted.
 */
class MeshTlsMisconfigScenarioTest {

    @Test
    void shouldNameTheTlsMisconfigurationOfOneService() {
        Scenarios.Mesh mesh = new Scenarios.Mesh();
        mesh.sim.tlsMisconfig(mesh.payments, T0.plusSeconds(120), Duration.ofSeconds(75), 3);

        List<Alert> alerts = Scenarios.alertsOf(mesh, "payments");
        Alert last = Scenarios.finalFiring(alerts);
        Scenarios.record("TLS verify failures to payments", last);
        assertThat(last.cause()).isEqualTo("MESH_TLS_MISCONFIG");
        assertThat(last.confidence()).isGreaterThan(0.7);
        assertThat(last.remediation()).contains("CERTIFICATE_VERIFY_FAILED");
        assertThat(Scenarios.affectedPods(last)).containsExactlyElementsOf(
                mesh.payments.pods().stream().map(p -> p.name()).sorted().toList());
        assertThat(last.severity()).isEqualTo("critical");
        Scenarios.assertResolved(alerts);
    }
}

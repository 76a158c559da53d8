package io.resetwatch.scenario;

import static io.resetwatch.scenario.Scenarios.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.resetwatch.model.Alert;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * UNKNOWN through replay: catalog requests that go to an endpoint no pod feed covers (10.99.0.7) end in
 * connection terminations of varied duration. There is nothing to explain them with, and the alert says so.
 */
class UnknownScenarioTest {

    @Test
    void shouldAdmitItCannotTellAndPointAtTheUnwatchedIp() {
        Scenarios.Mesh mesh = new Scenarios.Mesh();
        mesh.sim.resetsToUnwatchedIp(mesh.catalog, "10.99.0.7", T0.plusSeconds(120), Duration.ofMinutes(2), 12);

        List<Alert> alerts = Scenarios.alertsOf(mesh, "catalog");
        Alert last = Scenarios.finalFiring(alerts);
        Scenarios.record("resets to an IP no pod feed covers, catalog", last);
        assertThat(last.cause()).isEqualTo("UNKNOWN");
        assertThat(last.candidates()).hasSize(1);
        assertThat(last.pods()).filteredOn(p -> p.resets() > 0).extracting(Alert.AlertPod::ip)
                .containsExactly("10.99.0.7");
        assertThat(String.join(" ", last.evidence())).contains("10.99.0.7");
        Scenarios.assertResolved(alerts);
    }
}

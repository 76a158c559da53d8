package io.resetwatch.scenario;

import static io.resetwatch.scenario.Scenarios.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.resetwatch.model.Alert;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The causes not driven by a container ending: liveness kills, networks, TLS, circuit breakers. */
class MoreCauseScenariosTest {

    @Test
    void shouldNameALivenessRestartAfterAHang() {
        Scenarios.Mesh mesh = new Scenarios.Mesh();
        var victim = mesh.checkout.pods().get(0);
        mesh.sim.livenessRestart(victim, T0.plusSeconds(170), 30);

        List<Alert> alerts = Scenarios.alertsOf(mesh.sim, "checkout");
        Alert last = Scenarios.finalFiring(alerts);
        assertThat(last.cause()).isEqualTo("LIVENESS_RESTART");
        assertThat(last.confidence()).isGreaterThan(0.6);
        assertThat(Scenarios.affectedPods(last)).containsExactly(victim.name());
        assertThat(alerts.get(alerts.size() - 1).status()).isEqualTo("resolved");
        System.out.println("LIVENESS_RESTART scenario: confidence " + last.confidence());
    }

    @Test
    void shouldNameTheNetworkWhenANodeDropsOff() {
        Scenarios.Mesh mesh = new Scenarios.Mesh();
        mesh.sim.nodeUnreachable("node-c", List.of(mesh.catalog, mesh.payments), T0.plusSeconds(120),
                Duration.ofMinutes(2), 6);

        List<Alert> alerts = Scenarios.alertsOf(mesh.sim, "catalog", "payments");
        for (String service : List.of("catalog", "payments")) {
            Alert last = Scenarios.finalFiring(alerts.stream().filter(a -> a.service().equals(service)).toList());
            assertThat(last.cause()).as(service).isEqualTo("NETWORK");
            assertThat(last.pods()).filteredOn(p -> p.resets() > 0).allSatisfy(p -> assertThat(p.node()).isEqualTo("node-c"));
            System.out.println("NETWORK scenario (" + service + "): confidence " + last.confidence());
        }
    }

    @Test
    void shouldNameAMeshTlsMisconfiguration() {
        Scenarios.Mesh mesh = new Scenarios.Mesh();
        mesh.sim.tlsMisconfig(mesh.cart, T0.plusSeconds(150), Duration.ofMinutes(2), 8);

        List<Alert> alerts = Scenarios.alertsOf(mesh.sim, "cart");
        Alert last = Scenarios.finalFiring(alerts);
        assertThat(last.cause()).isEqualTo("MESH_TLS_MISCONFIG");
        assertThat(last.confidence()).isGreaterThan(0.6);
        assertThat(last.severity()).isEqualTo("critical");
        assertThat(String.join(" ", last.evidence())).contains("CERTIFICATE_VERIFY_FAILED");
        System.out.println("MESH_TLS_MISCONFIG scenario: confidence " + last.confidence());
    }

    @Test
    void shouldNameACircuitBreakerOverflow() {
        Scenarios.Mesh mesh = new Scenarios.Mesh();
        mesh.sim.circuitBreakerOverflow(mesh.checkout, T0.plusSeconds(200), Duration.ofSeconds(90), 3);

        List<Alert> alerts = Scenarios.alertsOf(mesh.sim, "checkout");
        Alert last = Scenarios.finalFiring(alerts);
        assertThat(last.cause()).isEqualTo("CIRCUIT_BREAKER_OVERFLOW");
        assertThat(last.confidence()).isGreaterThan(0.6);
        assertThat(last.resets()).containsKey("UO");
        System.out.println("CIRCUIT_BREAKER_OVERFLOW scenario: confidence " + last.confidence());
    }
}

package io.resetwatch.scenario;

import static io.resetwatch.scenario.Scenarios.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.resetwatch.model.Alert;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Multi-minute scenarios through {@code replay}: realistic mixed traffic over four services, resets a minority,
 * lifecycle noise on an unrelated service, one injected incident. Each asserts the cause, the affected pods,
 * that nothing else fires and that the incident resolves.
 */
class CauseScenariosTest {

    @Test
    void shouldNameAnOomKillOfOneCheckoutPod() {
        Scenarios.Mesh mesh = new Scenarios.Mesh();
        var victim = mesh.checkout.pods().get(1);
        mesh.sim.oomKill(victim, T0.plusSeconds(130), "256Mi", 30);

        List<Alert> alerts = Scenarios.alertsOf(mesh.sim, "checkout");
        Alert last = Scenarios.finalFiring(alerts);
        assertThat(last.cause()).isEqualTo("OOM_KILLED");
        assertThat(last.confidence()).isGreaterThan(0.7);
        assertThat(Scenarios.affectedPods(last)).containsExactly(victim.name());
        assertThat(last.remediation()).contains("256Mi");
        assertThat(alerts.get(alerts.size() - 1).status()).isEqualTo("resolved");
        System.out.println("OOM_KILLED scenario: confidence " + last.confidence());
    }

    @Test
    void shouldNameACrashThatIsNotAnOom() {
        Scenarios.Mesh mesh = new Scenarios.Mesh();
        var victim = mesh.catalog.pods().get(0);
        mesh.sim.crash(victim, T0.plusSeconds(150), 30);

        List<Alert> alerts = Scenarios.alertsOf(mesh.sim, "catalog");
        Alert last = Scenarios.finalFiring(alerts);
        assertThat(last.cause()).isEqualTo("CONTAINER_CRASH");
        assertThat(last.confidence()).isGreaterThan(0.6);
        assertThat(Scenarios.affectedPods(last)).containsExactly(victim.name());
        assertThat(alerts.get(alerts.size() - 1).status()).isEqualTo("resolved");
        System.out.println("CONTAINER_CRASH scenario: confidence " + last.confidence());
    }

    @Test
    void shouldNameARolloutThatKilledAPodBeforeItDrained() {
        Scenarios.Mesh mesh = new Scenarios.Mesh();
        var victim = mesh.cart.pods().get(2);
        mesh.sim.rolloutWithoutDrain(victim, T0.plusSeconds(100), 24);

        List<Alert> alerts = Scenarios.alertsOf(mesh.sim, "cart");
        Alert last = Scenarios.finalFiring(alerts);
        assertThat(last.cause()).isEqualTo("UNGRACEFUL_SHUTDOWN");
        assertThat(last.confidence()).isGreaterThan(0.7);
        assertThat(Scenarios.affectedPods(last)).containsExactly(victim.name());
        assertThat(alerts.get(alerts.size() - 1).status()).isEqualTo("resolved");
        System.out.println("UNGRACEFUL_SHUTDOWN scenario: confidence " + last.confidence());
    }

    @Test
    void shouldNameAKeepAliveRaceSpreadOverEveryPod() {
        Scenarios.Mesh mesh = new Scenarios.Mesh();
        mesh.sim.keepAliveRace(mesh.catalog, T0.plusSeconds(60), Duration.ofMinutes(4), 4);

        List<Alert> alerts = Scenarios.alertsOf(mesh.sim, "catalog");
        Alert last = Scenarios.finalFiring(alerts);
        assertThat(last.cause()).isEqualTo("KEEPALIVE_RACE");
        assertThat(last.confidence()).isGreaterThan(0.5);
        assertThat(Scenarios.affectedPods(last)).hasSize(mesh.catalog.pods().size());
        assertThat(last.severity()).isEqualTo("warning");
        assertThat(alerts.get(alerts.size() - 1).status()).isEqualTo("resolved");
        System.out.println("KEEPALIVE_RACE scenario: confidence " + last.confidence());
    }

    @Test
    void shouldNameAnInPodTimeoutFromDurationsClusteredAtThirtySeconds() {
        Scenarios.Mesh mesh = new Scenarios.Mesh();
        mesh.sim.appTimeout(mesh.cart, T0.plusSeconds(60), Duration.ofMinutes(3), 8, 30_000);

        List<Alert> alerts = Scenarios.alertsOf(mesh.sim, "cart");
        Alert last = Scenarios.finalFiring(alerts);
        assertThat(last.cause()).isEqualTo("APP_TIMEOUT");
        assertThat(last.confidence()).isGreaterThan(0.5);
        assertThat(String.join(" ", last.evidence()) + last.remediation()).contains("30");
        assertThat(alerts.get(alerts.size() - 1).status()).isEqualTo("resolved");
        System.out.println("APP_TIMEOUT scenario: confidence " + last.confidence());
    }

    @Test
    void shouldStayQuietOnAHealthyMeshWithLifecycleNoise() {
        Scenarios.Mesh mesh = new Scenarios.Mesh();
        assertThat(Scenarios.replay(mesh.sim).alerts()).isEmpty();
    }
}

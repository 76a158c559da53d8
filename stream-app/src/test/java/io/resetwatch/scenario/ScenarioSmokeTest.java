package io.resetwatch.scenario;

import io.resetwatch.demo.MeshSimulator;
import io.resetwatch.replay.Replay;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ScenarioSmokeTest {

    @Test
    void shouldPrint() {
        MeshSimulator mesh = new MeshSimulator(1);
        var checkout = mesh.service("shop", "checkout", 3, Scenarios.T0.minusSeconds(3600), "node-a", "node-b");
        var cart = mesh.service("shop", "cart", 4, Scenarios.T0.minusSeconds(3600), "node-a", "node-b");
        var catalog = mesh.service("shop", "catalog", 3, Scenarios.T0.minusSeconds(3600), "node-a", "node-b");
        mesh.traffic(checkout, Scenarios.T0, Duration.ofMinutes(6), 20);
        mesh.traffic(cart, Scenarios.T0, Duration.ofMinutes(6), 20);
        mesh.traffic(catalog, Scenarios.T0, Duration.ofMinutes(6), 20);
        mesh.oomKill(checkout.pods().get(1), Scenarios.T0.plusSeconds(130), "256Mi", 30);
        mesh.rolloutWithoutDrain(cart.pods().get(2), Scenarios.T0.plusSeconds(100), 20);
        mesh.keepAliveRace(catalog, Scenarios.T0, Duration.ofMinutes(6), 4);
        Replay.Result result = Scenarios.replay(mesh);
        System.out.println(result.accessRecords() + " " + result.podRecords() + " rejected=" + result.rejected());
        System.out.println(Scenarios.describe(result.alerts()));
    }
}

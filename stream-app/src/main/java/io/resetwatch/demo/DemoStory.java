package io.resetwatch.demo;

import io.resetwatch.model.Alert;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The demo's incident story over ten minutes of event time: checkout is OOM-killed, cart is rolled out without
 * draining, catalog races idle keep-alive connections, and payments stays healthy.
 */
public record DemoStory(MeshSimulator mesh, Duration length, List<Expectation> expectations) {

    /** A service and the cause its incident should end up with; null cause = it must not alert. */
    public record Expectation(String service, String cause) {
    }

    public static DemoStory script(Instant start) {
        MeshSimulator mesh = new MeshSimulator(42);
        Instant before = start.minus(Duration.ofHours(1));
        MeshSimulator.Service checkout = mesh.service("shop", "checkout", 3, before, "node-a", "node-b");
        MeshSimulator.Service cart = mesh.service("shop", "cart", 4, before, "node-a", "node-b");
        MeshSimulator.Service catalog = mesh.service("shop", "catalog", 3, before, "node-a", "node-b", "node-c");
        MeshSimulator.Service payments = mesh.service("shop", "payments", 2, before, "node-c");
        Duration length = Duration.ofMinutes(10);
        for (MeshSimulator.Service s : List.of(checkout, cart, catalog, payments)) {
            mesh.traffic(s, start, length, 15);
        }
        mesh.oomKill(checkout.pods().get(1), start.plusSeconds(70), "256Mi", 30);
        mesh.rolloutWithoutDrain(cart.pods().get(2), start.plusSeconds(150), 24);
        mesh.keepAliveRace(catalog, start.plusSeconds(60), Duration.ofMinutes(4), 4);
        return new DemoStory(mesh, length, List.of(
                new Expectation("checkout", "OOM_KILLED"),
                new Expectation("cart", "UNGRACEFUL_SHUTDOWN"),
                new Expectation("catalog", "KEEPALIVE_RACE"),
                new Expectation("payments", null)));
    }

    public long accessLogs() {
        return mesh.records().stream().filter(MeshSimulator.Emitted::accessLog).count();
    }

    public long podEvents() {
        return mesh.records().stream().filter(e -> !e.accessLog()).count();
    }

    /** Every expected incident has fired with its cause and resolved. */
    public boolean satisfiedBy(List<Alert> alerts) {
        for (Expectation e : expectations) {
            if (e.cause() == null) {
                continue;
            }
            boolean fired = alerts.stream().anyMatch(a -> a.service().equals(e.service()) && a.firing()
                    && a.cause().equals(e.cause()));
            boolean resolved = alerts.stream().anyMatch(a -> a.service().equals(e.service())
                    && Alert.RESOLVED.equals(a.status()));
            if (!fired || !resolved) {
                return false;
            }
        }
        return true;
    }
}

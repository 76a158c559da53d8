package io.resetwatch.scenario;

import io.resetwatch.config.Settings;
import io.resetwatch.demo.MeshSimulator;
import io.resetwatch.model.Alert;
import io.resetwatch.replay.Replay;
import io.resetwatch.replay.TopicDump;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Runs a simulated mesh through {@code replay} (the service's own topology) and returns the alerts. */
final class Scenarios {

    static final Instant T0 = Instant.parse("2026-03-04T10:00:00Z");

    private Scenarios() {
    }

    static Replay.Result replay(MeshSimulator mesh) {
        List<TopicDump.Line> access = new ArrayList<>();
        List<TopicDump.Line> pods = new ArrayList<>();
        int n = 0;
        for (MeshSimulator.Emitted e : mesh.records()) {
            TopicDump.Line line = new TopicDump.Line(++n, e.value().getBytes(StandardCharsets.UTF_8), e.timeMs());
            (e.accessLog() ? access : pods).add(line);
        }
        // Fixed wall clock close to the data: alerts are live, not catch-up.
        Clock clock = Clock.fixed(T0.plusSeconds(600), java.time.ZoneOffset.UTC);
        return new Replay(Settings.defaults(), clock).run(access, pods, a -> { });
    }

    /**
     * The standard mesh of a scenario: four services with steady traffic, and lifecycle noise on one that
     * has no resets. The scenario injects its incident into one of them.
     */
    static final class Mesh {
        final MeshSimulator sim = new MeshSimulator(7);
        final MeshSimulator.Service checkout;
        final MeshSimulator.Service cart;
        final MeshSimulator.Service catalog;
        final MeshSimulator.Service payments;

        Mesh() {
            Instant before = T0.minusSeconds(3600);
            checkout = sim.service("shop", "checkout", 3, before, "node-a", "node-b");
            cart = sim.service("shop", "cart", 4, before, "node-a", "node-b");
            catalog = sim.service("shop", "catalog", 3, before, "node-a", "node-b", "node-c");
            payments = sim.service("pay", "payments", 2, before, "node-c");
            for (MeshSimulator.Service s : List.of(checkout, cart, catalog, payments)) {
                sim.traffic(s, T0, java.time.Duration.ofMinutes(8), 12);
            }
            sim.noise(payments, T0.plusSeconds(60), java.time.Duration.ofMinutes(4));
        }
    }

    /** Asserts what every scenario must hold: valid alerts, no query string leaked, only the expected upstream. */
    static List<Alert> alertsOf(MeshSimulator mesh, String... expectedServices) {
        Replay.Result result = replay(mesh);
        List<Alert> alerts = result.alerts();
        io.resetwatch.testing.AlertSchema.assertAllValid(alerts);
        org.assertj.core.api.Assertions.assertThat(alerts).as(describe(alerts))
                .allSatisfy(a -> org.assertj.core.api.Assertions.assertThat(a.service()).isIn((Object[]) expectedServices));
        org.assertj.core.api.Assertions.assertThat(io.resetwatch.serde.Json.mapper().valueToTree(alerts).toString())
                .doesNotContain("secret-token", "session=");
        org.assertj.core.api.Assertions.assertThat(result.rejected()).isZero();
        return alerts;
    }

    /** The last firing record: the cause the incident settled on. */
    static Alert finalFiring(List<Alert> alerts) {
        return alerts.stream().filter(Alert::firing).reduce((a, b) -> b).orElseThrow(
                () -> new AssertionError("no firing alert in:\n" + describe(alerts)));
    }

    static List<String> affectedPods(Alert alert) {
        return alert.pods().stream().filter(p -> p.resets() > 0).map(Alert.AlertPod::name).sorted().toList();
    }

    static String describe(List<Alert> alerts) {
        StringBuilder sb = new StringBuilder();
        for (Alert a : alerts) {
            sb.append(a.alertKey()).append(" r").append(a.revision()).append(' ').append(a.status()).append(' ')
                    .append(a.cause()).append(' ').append(a.confidence()).append(' ').append(a.severity())
                    .append(" pods=").append(a.pods().stream().filter(p -> p.resets() > 0)
                            .map(Alert.AlertPod::name).toList())
                    .append(" window=").append(a.windowStart()).append('\n');
        }
        return sb.toString();
    }
}

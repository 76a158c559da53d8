package io.resetwatch.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.resetwatch.config.Settings;
import io.resetwatch.demo.MeshSimulator;
import io.resetwatch.model.Alert;
import io.resetwatch.replay.Replay;
import io.resetwatch.replay.TopicDump;
import io.resetwatch.serde.Json;
import io.resetwatch.testing.AlertSchema;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Runs a simulated mesh through {@code replay} (the service's own topology, driven by TopologyTestDriver) and
 * holds what every scenario must hold: valid alerts, nothing secret leaked, nothing rejected, resets a minority,
 * only the expected upstreams alerting.
 */
final class Scenarios {

    static final Instant T0 = Instant.parse("2026-03-04T10:00:00Z");

    /** Six minutes of event time: long enough for an incident to fire and resolve in one-minute windows. */
    static final Duration LENGTH = Duration.ofMinutes(6);

    private Scenarios() {
    }

    /**
     * The standard mesh of a scenario: five services with steady mixed traffic (8, 8, 6, 3 and 3 requests a
     * second), everyday lifecycle noise on payments (image pulls, starts, readiness failures) and a graceful
     * rollout of reviews (new pods first, draining, exit 143, no resets). The scenario injects its incident,
     * then {@link #alertsOf} writes the traffic around it — so pods an incident takes out of rotation get none.
     */
    static final class Mesh {
        final MeshSimulator sim = new MeshSimulator(7);
        final MeshSimulator.Service checkout;
        final MeshSimulator.Service cart;
        final MeshSimulator.Service catalog;
        final MeshSimulator.Service payments;
        final MeshSimulator.Service reviews;
        private final Map<MeshSimulator.Service, Integer> rates = new LinkedHashMap<>();
        private boolean trafficWritten;

        Mesh() {
            Instant before = T0.minusSeconds(3600);
            checkout = sim.service("shop", "checkout", 3, before, "node-a", "node-b");
            cart = sim.service("shop", "cart", 4, before, "node-a", "node-b");
            catalog = sim.service("shop", "catalog", 3, before, "node-a", "node-b", "node-c");
            payments = sim.service("pay", "payments", 2, before, "node-c", "node-a");
            reviews = sim.service("shop", "reviews", 2, before, "node-a", "node-b");
            rates.put(checkout, 8);
            rates.put(cart, 8);
            rates.put(catalog, 6);
            rates.put(payments, 3);
            rates.put(reviews, 3);
            sim.noise(payments, T0.plusSeconds(60), Duration.ofMinutes(4));
            sim.gracefulRollout(reviews, T0.plusSeconds(200));
        }

        void writeTraffic() {
            if (!trafficWritten) {
                trafficWritten = true;
                rates.forEach((service, perSecond) -> sim.traffic(service, T0, LENGTH, perSecond));
            }
        }
    }

    static Replay.Result replay(Mesh mesh) {
        mesh.writeTraffic();
        List<TopicDump.Line> access = new ArrayList<>();
        List<TopicDump.Line> pods = new ArrayList<>();
        int n = 0;
        for (MeshSimulator.Emitted e : mesh.sim.records()) {
            TopicDump.Line line = new TopicDump.Line(++n, e.value().getBytes(StandardCharsets.UTF_8), e.timeMs());
            (e.accessLog() ? access : pods).add(line);
        }
        // Fixed wall clock close to the data: alerts are live, not catch-up.
        Clock clock = Clock.fixed(T0.plusSeconds(600), ZoneOffset.UTC);
        return new Replay(Settings.defaults(), clock).run(access, pods, a -> { });
    }

    /** Replays the mesh and checks what every scenario must hold; only {@code expectedServices} may alert. */
    static List<Alert> alertsOf(Mesh mesh, String... expectedServices) {
        Replay.Result result = replay(mesh);
        List<Alert> alerts = result.alerts();
        double failedShare = (double) mesh.sim.failedRequests() / mesh.sim.requests();
        assertThat(failedShare).as("failed requests are a minority of %d", mesh.sim.requests()).isLessThan(0.05);
        assertThat(result.rejected()).isZero();
        AlertSchema.assertAllValid(alerts);
        assertThat(Json.mapper().valueToTree(alerts).toString()).doesNotContain("secret-token", "session=");
        Set<String> alerting = new TreeSet<>();
        alerts.forEach(a -> alerting.add(a.service()));
        assertThat(alerting).as(describe(alerts)).containsExactlyInAnyOrder(expectedServices);
        if (Boolean.getBoolean("scenario.verbose")) {
            System.out.print(describe(alerts));
        }
        return alerts;
    }

    static List<Alert> of(List<Alert> alerts, String service) {
        return alerts.stream().filter(a -> a.service().equals(service)).toList();
    }

    /** The last firing record: the cause the incident settled on. */
    static Alert finalFiring(List<Alert> alerts) {
        return alerts.stream().filter(Alert::firing).reduce((a, b) -> b).orElseThrow(
                () -> new AssertionError("no firing alert in:\n" + describe(alerts)));
    }

    /** The incident's last record says it resolved. */
    static void assertResolved(List<Alert> alerts) {
        assertThat(alerts).as(describe(alerts)).isNotEmpty();
        assertThat(alerts.get(alerts.size() - 1).status()).as(describe(alerts)).isEqualTo(Alert.RESOLVED);
    }

    /** Names of the pods that carried resets (unresolved IPs have no name and are left out). */
    static List<String> affectedPods(Alert alert) {
        return alert.pods().stream().filter(p -> p.resets() > 0).map(Alert.AlertPod::name)
                .filter(Objects::nonNull).sorted().toList();
    }

    static double confidenceOf(Alert alert, String cause) {
        return alert.candidates().stream().filter(c -> c.cause().equals(cause))
                .mapToDouble(Alert.AlertCandidate::confidence).findFirst().orElse(0.0);
    }

    /** Prints the outcome in one line, for the record of which confidence each scenario produced. */
    static void record(String scenario, Alert last) {
        System.out.println("SCENARIO " + scenario + ": " + last.cause() + " confidence " + last.confidence()
                + " revision " + last.revision() + " candidates " + last.candidates().stream()
                .map(c -> c.cause() + "=" + c.confidence()).toList());
        if (Boolean.getBoolean("scenario.verbose")) {
            last.evidence().forEach(e -> System.out.println("  evidence: " + e));
        }
    }

    static String describe(List<Alert> alerts) {
        StringBuilder sb = new StringBuilder();
        for (Alert a : alerts) {
            sb.append(a.alertKey()).append(" r").append(a.revision()).append(' ').append(a.status()).append(' ')
                    .append(a.cause()).append(' ').append(a.confidence()).append(' ').append(a.severity())
                    .append(" pods=").append(a.pods().stream().filter(p -> p.resets() > 0)
                            .map(p -> p.name() + "/" + p.ip()).toList())
                    .append(" window=").append(a.windowStart())
                    .append(" candidates=").append(a.candidates().stream()
                            .map(c -> c.cause() + "=" + c.confidence()).toList()).append('\n');
        }
        return sb.toString();
    }
}

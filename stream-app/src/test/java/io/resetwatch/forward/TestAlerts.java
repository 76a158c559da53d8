package io.resetwatch.forward;

import io.resetwatch.model.Alert;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Builds alert records for the forwarding tests. */
final class TestAlerts {

    static final Instant STARTED = Instant.parse("2025-03-04T10:15:42Z");

    private TestAlerts() {
    }

    static Alert firing(String service) {
        return alert(service, Alert.FIRING, 1, "critical", "OOM_KILLED", null, false);
    }

    static Alert resolved(Alert firing, Instant resolvedAt) {
        return alert(firing.service(), Alert.RESOLVED, firing.revision() + 1, firing.severity(), firing.cause(),
                resolvedAt, firing.catchUp());
    }

    static Alert alert(String service, String status, int revision, String severity, String cause,
                       Instant resolvedAt, boolean catchUp) {
        return new Alert(Alert.SCHEMA_VERSION, "prod-eu1/shop/" + service, revision, status, severity, cause, 0.9,
                "42 UC resets on shop/" + service + " after checkout-7d9f8b6c5d-x2kqp was OOMKilled",
                "prod-eu1", "shop", service, "outbound|8080||" + service + ".shop.svc.cluster.local",
                STARTED.minusSeconds(60), STARTED, STARTED, resolvedAt,
                1200, 600, 600, Map.of("UC", 42L), 42, 0.035, 40,
                List.of(new Alert.AlertPod("checkout-7d9f8b6c5d-x2kqp", "node-a", "10.0.3.17", 300, 42,
                        List.of("OOMKilled exit 137 at 10:15:30Z"))),
                List.of(new Alert.AlertCandidate(cause, 0.9, List.of("container istio-proxy OOMKilled"))),
                List.of("Pod checkout-7d9f8b6c5d-x2kqp was OOMKilled at 10:15:30Z.",
                        "42 of 42 resets hit that pod.", "Resets began 2 s after the kill.",
                        "A fourth sentence that the digest leaves out."),
                "Raise the memory limit of checkout or find the leak.", catchUp);
    }
}

package io.resetwatch.forward;

import static io.resetwatch.forward.TestAlerts.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.resetwatch.forward.AlertmanagerPayload.PostableAlert;
import io.resetwatch.model.Alert;
import io.resetwatch.serde.Json;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AlertmanagerPayloadTest {

    private static final Instant NOW = Instant.parse("2025-03-04T10:16:00Z");
    private static final Duration HORIZON = Duration.ofMinutes(4);

    @Test
    void shouldLabelOneAlertPerUpstreamWithoutThePod() {
        PostableAlert postable = AlertmanagerPayload.toPostable(TestAlerts.firing("checkout"), NOW, HORIZON);

        assertThat(postable.labels()).containsExactly(
                entry("alertname", "UpstreamReset"), entry("k8s_cluster", "prod-eu1"), entry("namespace", "shop"),
                entry("service", "checkout"), entry("cause", "OOM_KILLED"), entry("severity", "critical"));
        assertThat(postable.labels()).doesNotContainKey("pod");
    }

    @Test
    void shouldCarrySummaryRemediationAndAShortEvidenceDigestAsAnnotations() {
        PostableAlert postable = AlertmanagerPayload.toPostable(TestAlerts.firing("checkout"), NOW, HORIZON);

        assertThat(postable.annotations())
                .containsEntry("summary", "42 UC resets on shop/checkout after checkout-7d9f8b6c5d-x2kqp was OOMKilled")
                .containsEntry("remediation", "Raise the memory limit of checkout or find the leak.")
                .containsEntry("evidence", "Pod checkout-7d9f8b6c5d-x2kqp was OOMKilled at 10:15:30Z."
                        + " 42 of 42 resets hit that pod. Resets began 2 s after the kill.")
                .containsEntry("pods", "checkout-7d9f8b6c5d-x2kqp (42 resets)")
                .containsEntry("alert_key", "prod-eu1/shop/checkout")
                .doesNotContainKey("catch_up");
    }

    @Test
    void shouldCapEveryAnnotation() {
        Alert base = TestAlerts.firing("checkout");
        Alert longSummary = withSummary(base, "x".repeat(10_000));

        PostableAlert postable = AlertmanagerPayload.toPostable(longSummary, NOW, HORIZON);

        assertThat(postable.annotations().get("summary")).hasSize(AlertmanagerPayload.ANNOTATION_MAX_CHARS).endsWith("…");
    }

    @Test
    void shouldStartAtTheIncidentStartAndEndOneHorizonAheadWhileFiring() {
        PostableAlert postable = AlertmanagerPayload.toPostable(TestAlerts.firing("checkout"), NOW, HORIZON);

        assertThat(postable.startsAt()).isEqualTo("2025-03-04T10:15:42Z");
        assertThat(postable.endsAt()).isEqualTo("2025-03-04T10:20:00Z");
    }

    @Test
    void shouldEndAtTheResolutionTimeWhenResolved() {
        Alert resolved = TestAlerts.resolved(TestAlerts.firing("checkout"), Instant.parse("2025-03-04T10:19:00Z"));

        PostableAlert postable = AlertmanagerPayload.toPostable(resolved, NOW.plusSeconds(600), HORIZON);

        assertThat(postable.endsAt()).isEqualTo("2025-03-04T10:19:00Z");
    }

    @Test
    void shouldNeverEndBeforeItStarts() {
        Alert resolved = TestAlerts.resolved(TestAlerts.firing("checkout"), STARTED.minusSeconds(5));

        PostableAlert postable = AlertmanagerPayload.toPostable(resolved, NOW, HORIZON);

        assertThat(postable.endsAt()).isEqualTo(postable.startsAt());
    }

    @Test
    void shouldSendCatchUpAlertsAsInformationWithAnExplanation() {
        Alert catchUp = TestAlerts.alert("checkout", Alert.FIRING, 1, "critical", "OOM_KILLED", null, true);

        PostableAlert postable = AlertmanagerPayload.toPostable(catchUp, NOW, HORIZON);

        assertThat(postable.labels()).containsEntry("severity", "info");
        assertThat(postable.annotations().get("catch_up")).contains("not paged");
    }

    @Test
    void shouldWriteAlertmanagersCamelCaseFieldNames() throws Exception {
        PostableAlert postable = AlertmanagerPayload.toPostable(TestAlerts.firing("checkout"), NOW, HORIZON);

        JsonNode json = Json.mapper().readTree(Json.mapper().writeValueAsBytes(postable));

        assertThat(json.fieldNames()).toIterable().containsExactly("labels", "annotations", "startsAt", "endsAt");
        assertThat(json.get("labels").has("k8s_cluster")).isTrue();
    }

    private static java.util.Map.Entry<String, String> entry(String key, String value) {
        return java.util.Map.entry(key, value);
    }

    private static Alert withSummary(Alert a, String summary) {
        return new Alert(a.schemaVersion(), a.alertKey(), a.revision(), a.status(), a.severity(), a.cause(),
                a.confidence(), summary, a.k8sCluster(), a.namespace(), a.service(), a.upstreamCluster(),
                a.windowStart(), a.windowEnd(), a.startedAt(), a.resolvedAt(), a.requests(), a.requestsOutbound(),
                a.requestsInbound(), a.resets(), a.resetsTotal(), a.resetRatio(), a.uniqueFailedRequests(), a.pods(),
                a.candidates(), a.evidence(), a.remediation(), a.catchUp());
    }
}

package io.resetwatch.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.resetwatch.lifecycle.LifecycleOutcome.Facts;
import io.resetwatch.lifecycle.LifecycleOutcome.Skipped;
import io.resetwatch.model.FactType;
import io.resetwatch.model.LifecycleFact;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Event shapes producers put in Kafka (DOMAIN §7.1–§7.3), and the event time each one gives. */
class EventShapesTest {

    private static final long TS = Instant.parse("2024-11-20T10:05:00Z").toEpochMilli();

    private final LifecycleParser parser = new LifecycleParser();

    @Test
    void shouldReadAnEventsK8sIoV1EventByItsOwnFieldNames() {
        String json = """
                {"apiVersion": "events.k8s.io/v1", "kind": "Event",
                 "metadata": {"name": "web-1.17f0", "namespace": "shop", "uid": "e1"},
                 "eventTime": "2024-11-20T10:00:00.123456Z",
                 "series": {"count": 3, "lastObservedTime": "2024-11-20T10:00:20.654321Z"},
                 "reportingController": "kubelet", "reportingInstance": "node-a",
                 "action": "Killing", "reason": "Killing",
                 "regarding": {"kind": "Pod", "namespace": "shop", "name": "web-1", "uid": "p1", "fieldPath": "spec.containers{web}"},
                 "note": "Container web failed liveness probe, will be restarted", "type": "Normal",
                 "deprecatedCount": 1}
                """;

        LifecycleOutcome outcome = parse(json);

        assertThat(outcome.format()).isEqualTo("events-k8s-io-v1");
        LifecycleFact fact = single(outcome);
        assertThat(fact.type()).isEqualTo(FactType.LIVENESS_KILL);
        assertThat(fact.podUid()).isEqualTo("p1");
        assertThat(fact.container()).isEqualTo("web");
        assertThat(fact.node()).isEqualTo("node-a");
        assertThat(fact.message()).isEqualTo("Container web failed liveness probe, will be restarted");
        assertThat(fact.time()).isEqualTo(Instant.parse("2024-11-20T10:00:00.123456Z"));
        assertThat(fact.lastTime()).isEqualTo(Instant.parse("2024-11-20T10:00:20.654321Z"));
        assertThat(fact.count()).isEqualTo(3);
        assertThat(fact.source()).isEqualTo("events-k8s-io-v1");
    }

    @Test
    void shouldPreferEventTimeThenSeriesThenLastThenFirstTimestamp() {
        assertThat(single(parse(EventJson.normal("Killing", "Stopping container web")
                .repeated("2024-11-20T10:00:00Z", "2024-11-20T10:00:09Z", 2).bytes())).time())
                .isEqualTo(Instant.parse("2024-11-20T10:00:09Z"));
        var event = EventJson.normal("Killing", "Stopping container web").object();
        event.remove("lastTimestamp");
        assertThat(single(parse(event.toString())).time()).isEqualTo(Instant.parse("2024-11-20T10:00:00Z"));
        event.remove("firstTimestamp");
        assertThat(single(parse(event.toString())).time()).isEqualTo(Instant.ofEpochMilli(TS));
    }

    @Test
    void shouldReadAnEventrouterAddedEvent() {
        String json = "{\"verb\": \"ADDED\", \"event\": " + EventJson.warning("ExceededGracePeriod",
                "Container runtime did not kill the pod within specified grace period.").object() + "}";

        LifecycleOutcome outcome = parse(json);

        assertThat(outcome.format()).isEqualTo("eventrouter");
        LifecycleFact fact = single(outcome);
        assertThat(fact.type()).isEqualTo(FactType.GRACE_PERIOD_EXCEEDED);
        assertThat(fact.source()).isEqualTo("eventrouter");
    }

    @Test
    void shouldCountOnlyTheNewOccurrencesOfAnEventrouterUpdate() {
        var old = EventJson.warning("Unhealthy", "Readiness probe failed: HTTP probe failed with statuscode: 503")
                .repeated("2024-11-20T10:00:00Z", "2024-11-20T10:00:20Z", 3).object();
        var updated = EventJson.warning("Unhealthy", "Readiness probe failed: HTTP probe failed with statuscode: 503")
                .repeated("2024-11-20T10:00:00Z", "2024-11-20T10:00:40Z", 5).object();

        LifecycleFact fact = single(parse("{\"verb\": \"UPDATED\", \"event\": " + updated + ", \"old_event\": " + old + "}"));

        assertThat(fact.count()).isEqualTo(2);
        assertThat(fact.firstTime()).isEqualTo(Instant.parse("2024-11-20T10:00:20Z"));
        assertThat(fact.lastTime()).isEqualTo(Instant.parse("2024-11-20T10:00:40Z"));
        assertThat(parse("{\"verb\": \"UPDATED\", \"event\": " + updated + ", \"old_event\": " + updated + "}"))
                .isInstanceOf(Skipped.class);
    }

    @Test
    void shouldReadAWatchedEventAsThatEvent() {
        String json = "{\"type\": \"ADDED\", \"object\": " + EventJson.warning("FailedPreStopHook", "PreStopHook failed").object() + "}";

        LifecycleOutcome outcome = parse(json);

        assertThat(outcome.format()).isEqualTo("core-v1-event");
        assertThat(single(outcome).type()).isEqualTo(FactType.PRESTOP_HOOK_FAILED);
    }

    @Test
    void shouldSkipWellFormedRecordsWithoutLifecycleEvidence() {
        assertThat(parse(EventJson.normal("Scheduled", "Successfully assigned shop/web-1 to node-a").bytes()))
                .isInstanceOf(Skipped.class);
        assertThat(parse(EventJson.normal("ScalingReplicaSet", "Scaled up replica set web-5 to 3").onObject("HorizontalPodAutoscaler", "web").bytes()))
                .isInstanceOf(Skipped.class);
        assertThat(parse("{\"type\": \"MODIFIED\", \"object\": {\"kind\": \"ConfigMap\", \"metadata\": {\"name\": \"x\"}}}"))
                .isEqualTo(new Skipped("watch object is not a Pod", "pod-watch"));
        assertThat(parse("{\"verb\": \"DELETED\", \"event\": " + EventJson.normal("Killing", "Stopping container web").object() + "}"))
                .isInstanceOf(Skipped.class);
    }

    @Test
    void shouldReadATaintEvictionOnThePod() {
        LifecycleFact fact = single(parse(EventJson.normal("TaintManagerEviction", "Marking for deletion Pod shop/web-1").bytes()));

        assertThat(fact.type()).isEqualTo(FactType.TAINT_EVICTION);
        assertThat(fact.subjectKey()).isEqualTo("pod:" + EventJson.POD_UID);
    }

    @Test
    void shouldStripQueryStringsFromEvidence() {
        LifecycleFact fact = single(parse(EventJson.warning("Unhealthy",
                "Liveness probe failed: Get \"http://10.0.0.7:8080/health?token=s3cr3t&x=1\": context deadline exceeded").bytes()));

        assertThat(fact.message()).isEqualTo("Liveness probe failed: Get \"http://10.0.0.7:8080/health\": context deadline exceeded");
    }

    @Test
    void shouldCutEvidenceToOneKibibyte() {
        LifecycleFact fact = single(parse(EventJson.warning("Unhealthy", "Readiness probe failed: " + "é".repeat(2000)).bytes()));

        assertThat(fact.message().getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(1024);
    }

    private LifecycleOutcome parse(String json) {
        return parser.parse(json.getBytes(StandardCharsets.UTF_8), TS);
    }

    private LifecycleOutcome parse(byte[] json) {
        return parser.parse(json, TS);
    }

    private static LifecycleFact single(LifecycleOutcome outcome) {
        assertThat(outcome).isInstanceOf(Facts.class);
        List<LifecycleFact> facts = ((Facts) outcome).facts();
        assertThat(facts).hasSize(1);
        return facts.get(0);
    }
}

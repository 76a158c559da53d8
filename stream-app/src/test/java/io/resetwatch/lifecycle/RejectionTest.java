package io.resetwatch.lifecycle;

import static io.resetwatch.lifecycle.PodJson.pod;
import static org.assertj.core.api.Assertions.assertThat;

import io.resetwatch.lifecycle.LifecycleOutcome.Rejected;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Records that cannot be parsed are rejected with a precise one-line reason that never echoes the input. */
class RejectionTest {

    private static final long TS = Instant.parse("2024-11-20T10:00:00Z").toEpochMilli();

    private final LifecycleParser parser = new LifecycleParser();

    @Test
    void shouldRejectBytesThatAreNotJson() {
        Rejected rejected = (Rejected) parse("Stopping container web?token=s3cr3t");
        assertThat(rejected.reason()).isEqualTo("not JSON (malformed at line 1, column 1)").doesNotContain("s3cr3t");
        assertThat(rejected.format()).isEqualTo("unknown");
        assertThat(parse("{\"reason\": \"Killing\"")).isInstanceOf(Rejected.class);
        assertThat(parse("{\"reason\": \"Killing\"} trailing")).isInstanceOf(Rejected.class);
    }

    @Test
    void shouldRejectJsonThatIsNotAnObject() {
        assertThat(parse("[{\"reason\": \"Killing\"}]")).isEqualTo(new Rejected("JSON array, expected an object", "unknown"));
        assertThat(parse("\"Stopping container web\"")).isEqualTo(new Rejected("JSON string, expected an object", "unknown"));
        assertThat(parse("   ")).isEqualTo(new Rejected("empty value", "unknown"));
    }

    @Test
    void shouldRejectObjectsOfNoKnownShape() {
        Rejected expected = new Rejected("JSON object is none of the known shapes (Event, eventrouter, pod watch event, Pod)", "unknown");
        assertThat(parse("{}")).isEqualTo(expected);
        assertThat(parse("{\"log\": \"[2024-11-20T10:00:00.000Z] \\\"GET / HTTP/1.1\\\" 503 UC\"}")).isEqualTo(expected);
    }

    @Test
    void shouldRejectFieldsOfTheWrongType() {
        assertThat(parse(EventJson.normal("Killing", "Stopping container web").object().put("count", "4").toString()))
                .isEqualTo(new Rejected("field count: expected an integer, got a string", "core-v1-event"));
        var involvedAsText = EventJson.normal("Killing", "Stopping container web").object();
        involvedAsText.put("involvedObject", "shop/web-1");
        assertThat(parse(involvedAsText.toString()))
                .isEqualTo(new Rejected("field involvedObject: expected an object, got a string", "core-v1-event"));
        var restartCountAsText = pod().container("web", 0, PodJson.running("2024-11-20T09:00:00Z"), null).object();
        ((com.fasterxml.jackson.databind.node.ObjectNode) restartCountAsText.get("status").get("containerStatuses").get(0))
                .put("restartCount", "3");
        assertThat(parse(restartCountAsText.toString()))
                .isEqualTo(new Rejected("field status.containerStatuses[0].restartCount: expected an integer, got a string", "pod"));
        assertThat(parse("{\"type\": \"MODIFIED\", \"object\": [1]}"))
                .isEqualTo(new Rejected("field object: expected an object, got an array", "pod-watch"));
        assertThat(parse("{\"verb\": \"ADDED\", \"event\": {}}"))
                .isEqualTo(new Rejected("field event: not an Event", "eventrouter"));
        assertThat(parse("{\"type\": \"CHANGED\", \"object\": {\"kind\": \"Pod\"}}"))
                .isEqualTo(new Rejected("field type: expected ADDED, MODIFIED or DELETED", "pod-watch"));
    }

    @Test
    void shouldRejectUnparseableTimes() {
        assertThat(parse(EventJson.normal("Killing", "Stopping container web").set("lastTimestamp", "yesterday").bytes()))
                .isEqualTo(new Rejected("field lastTimestamp: unparseable time", "core-v1-event"));
        assertThat(parse(EventJson.normal("Killing", "Stopping container web").set("firstTimestamp", "2024-02-30T10:00:00Z").bytes()))
                .isEqualTo(new Rejected("field firstTimestamp: unparseable time", "core-v1-event"));
        assertThat(parse(pod().deletion("@later", 30).watch("MODIFIED")))
                .isEqualTo(new Rejected("field object.metadata.deletionTimestamp: unparseable time", "pod-watch"));
        assertThat(parse(pod().deletion("@now-5w", 30).bytes()))
                .isEqualTo(new Rejected("field metadata.deletionTimestamp: unparseable time", "pod"));
    }

    @Test
    void shouldResolveTheIsHealthyFixtureNotationAgainstTheRecordTime() {
        var snapshot = ((LifecycleOutcome.PodObserved) parser.parse(pod().deletion("@now+90s", 30).bytes(), TS)).snapshot();

        assertThat(snapshot.deletionTimestamp()).isEqualTo(Instant.ofEpochMilli(TS).plusSeconds(90));
        assertThat(((LifecycleOutcome.PodObserved) parser.parse(pod().deletion("@now", 30).bytes(), TS)).snapshot()
                .deletionTimestamp()).isEqualTo(Instant.ofEpochMilli(TS));
    }

    @Test
    void shouldSkipATombstoneRatherThanReject() {
        assertThat(parser.parse(null, TS)).isInstanceOf(LifecycleOutcome.Skipped.class);
    }

    private LifecycleOutcome parse(String text) {
        return parser.parse(text.getBytes(StandardCharsets.UTF_8), TS);
    }

    private LifecycleOutcome parse(byte[] bytes) {
        return parser.parse(bytes, TS);
    }
}

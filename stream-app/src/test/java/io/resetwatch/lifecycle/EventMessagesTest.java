package io.resetwatch.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.resetwatch.lifecycle.EventMessages.EventMeaning;
import io.resetwatch.model.FactType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every public Event message in the corpus is recognized for what it says (DOMAIN §8). */
class EventMessagesTest {

    /** What each corpus message means; templates are filled with plausible values first. */
    private static final Map<String, FactType> EXPECTED = Map.ofEntries(
            Map.entry("readiness-503-during-shutdown", FactType.READINESS_PROBE_FAILED),
            Map.entry("readiness-connection-refused-after-exit", FactType.READINESS_PROBE_FAILED),
            Map.entry("liveness-http-timeout", FactType.LIVENESS_PROBE_FAILED),
            Map.entry("liveness-exec-timeout", FactType.LIVENESS_PROBE_FAILED),
            Map.entry("liveness-exec-errored", FactType.LIVENESS_PROBE_FAILED),
            Map.entry("probe-older-go-client-timeout", FactType.READINESS_PROBE_FAILED),
            Map.entry("readiness-503-aggregated-describe", FactType.READINESS_PROBE_FAILED),
            Map.entry("created-container", FactType.CONTAINER_STARTED),
            Map.entry("started-container", FactType.CONTAINER_STARTED),
            Map.entry("pulled-already-present", FactType.CONTAINER_STARTED),
            Map.entry("kernel-memcg-oom-line", FactType.NODE_OOM),
            Map.entry("npd-test-kill-process", FactType.NODE_OOM),
            Map.entry("npd-test-killed-process", FactType.NODE_OOM),
            Map.entry("evicted-low-memory", FactType.EVICTED),
            Map.entry("crashloop-waiting-message", FactType.BACK_OFF),
            Map.entry("tmpl-killing-default", FactType.CONTAINER_STOPPING),
            Map.entry("tmpl-killing-liveness", FactType.LIVENESS_KILL),
            Map.entry("tmpl-killing-startup", FactType.STARTUP_KILL),
            Map.entry("tmpl-killing-definition-changed", FactType.CONTAINER_RESTART_ORDERED),
            Map.entry("tmpl-backoff", FactType.BACK_OFF),
            Map.entry("tmpl-backoff-waiting", FactType.BACK_OFF),
            Map.entry("tmpl-probe-failed", FactType.LIVENESS_PROBE_FAILED),
            Map.entry("tmpl-probe-errored", FactType.STARTUP_PROBE_FAILED),
            Map.entry("tmpl-prestop-failed", FactType.PRESTOP_HOOK_FAILED),
            Map.entry("tmpl-system-oom", FactType.NODE_OOM),
            Map.entry("tmpl-node-not-ready-pod", FactType.NODE_NOT_READY),
            Map.entry("tmpl-taint-eviction", FactType.TAINT_EVICTION),
            Map.entry("tmpl-rs-created", FactType.POD_CREATED_BY_OWNER),
            Map.entry("tmpl-rs-deleted", FactType.POD_DELETED_BY_OWNER),
            Map.entry("tmpl-scaling-rs", FactType.SCALED_DOWN),
            Map.entry("tmpl-preempting", FactType.PREEMPTED));

    /** Values for each template's verbs, in order. */
    private static final Map<String, List<String>> TEMPLATE_VALUES = Map.ofEntries(
            Map.entry("tmpl-killing-default", List.of("web")),
            Map.entry("tmpl-killing-liveness", List.of("web")),
            Map.entry("tmpl-killing-startup", List.of("web")),
            Map.entry("tmpl-killing-definition-changed", List.of("web")),
            Map.entry("tmpl-backoff", List.of("web", "web-7d9f8c6b5-x2x4q_shop(0b8e5c1e-4f7a-4d0e-9a57-3c1f6f1d2a10)")),
            Map.entry("tmpl-backoff-waiting", List.of("40s", "web", "web-7d9f8c6b5-x2x4q_shop(0b8e5c1e-4f7a-4d0e-9a57-3c1f6f1d2a10)")),
            Map.entry("tmpl-probe-failed", List.of("Liveness", "HTTP probe failed with statuscode: 500")),
            Map.entry("tmpl-probe-errored", List.of("Startup", "rpc error: code = Unknown desc = deadline exceeded")),
            Map.entry("tmpl-system-oom", List.of("java", "4242")),
            Map.entry("tmpl-taint-eviction", List.of("shop/web-7d9f8c6b5-x2x4q")),
            Map.entry("tmpl-rs-created", List.of("web-7d9f8c6b5-x2x4q")),
            Map.entry("tmpl-rs-deleted", List.of("web-7d9f8c6b5-x2x4q")),
            Map.entry("tmpl-scaling-rs", List.of("down", "web-7d9f8c6b5", "1", "2")));

    @Test
    void shouldRecognizeEveryCorpusMessage() {
        List<JsonNode> messages = Corpus.lines("pod-events/real-messages.jsonl");
        assertThat(messages).hasSize(31);
        assertThat(EXPECTED).hasSize(messages.size());
        for (JsonNode line : messages) {
            String id = line.get("id").asText();
            EventMeaning meaning = classifyCorpusLine(line);
            assertThat(meaning.type()).as(id).isNotEqualTo(FactType.OTHER).isEqualTo(EXPECTED.get(id));
        }
    }

    @Test
    void shouldNameTheContainerAndPodTheMessagesName() {
        Map<String, EventMeaning> byId = new HashMap<>();
        Corpus.lines("pod-events/real-messages.jsonl").forEach(l -> byId.put(l.get("id").asText(), classifyCorpusLine(l)));

        assertThat(byId.get("tmpl-killing-liveness").container()).isEqualTo("web");
        assertThat(byId.get("tmpl-killing-liveness").probe()).isEqualTo("liveness");
        assertThat(byId.get("tmpl-backoff").container()).isEqualTo("web");
        assertThat(byId.get("tmpl-backoff").podName()).isEqualTo("web-7d9f8c6b5-x2x4q");
        assertThat(byId.get("crashloop-waiting-message").container()).isEqualTo("main");
        assertThat(byId.get("crashloop-waiting-message").podName()).isEqualTo("my-pod");
        assertThat(byId.get("tmpl-rs-deleted").podName()).isEqualTo("web-7d9f8c6b5-x2x4q");
        assertThat(byId.get("tmpl-taint-eviction").podName()).isEqualTo("web-7d9f8c6b5-x2x4q");
        assertThat(byId.get("started-container").container()).isEqualTo("coredns");
        assertThat(byId.get("readiness-503-aggregated-describe").probe()).isEqualTo("readiness");
    }

    @Test
    void shouldNameTheVictimProcessOfNodeOoms() {
        Map<String, EventMeaning> byId = new HashMap<>();
        Corpus.lines("pod-events/real-messages.jsonl").forEach(l -> byId.put(l.get("id").asText(), classifyCorpusLine(l)));

        assertThat(byId.get("kernel-memcg-oom-line").container()).isEqualTo("memory-consumer");
        assertThat(byId.get("npd-test-kill-process").container()).isEqualTo("heapster");
        assertThat(byId.get("npd-test-killed-process").container()).isEqualTo("heapster");
        assertThat(byId.get("tmpl-system-oom").container()).isEqualTo("java");
    }

    @Test
    void shouldReadTheReplicaSetAScaleDownNames() {
        assertThat(EventMessages.scaledReplicaSet("Scaled down replica set coredns-6f6b679f8f to 1 from 2"))
                .isEqualTo("coredns-6f6b679f8f");
        assertThat(EventMessages.scaledReplicaSet("Scaled down replica set web-5d4 to 0")).isEqualTo("web-5d4");
    }

    @Test
    void shouldNotMistakeAnImagePullBackOffForACrashLoop() {
        assertThat(EventMessages.classify("BackOff", "Back-off pulling image \"nginx:latest\"").type()).isEqualTo(FactType.OTHER);
    }

    @Test
    void shouldLeaveUnknownReasonsAsOther() {
        assertThat(EventMessages.classify("Scheduled", "Successfully assigned shop/web-1 to node-a").type()).isEqualTo(FactType.OTHER);
        assertThat(EventMessages.classify(null, "Stopping container web").type()).isEqualTo(FactType.OTHER);
        assertThat(EventMessages.classify("TaintManagerEviction", "Cancelling deletion of Pod shop/web-1").type())
                .isEqualTo(FactType.OTHER);
    }

    /**
     * Pairs each corpus form with the Event it would arrive in: templates are filled; a probe's error text is what
     * the prober writes after "Readiness probe failed: "; a describe line, kernel line, pod-status or waiting message
     * is classified under its own reason as given.
     */
    private static EventMeaning classifyCorpusLine(JsonNode line) {
        String id = line.get("id").asText();
        String form = line.get("form").asText();
        String message = line.get("message").asText();
        if (form.equals("template")) {
            message = fill(message, TEMPLATE_VALUES.getOrDefault(id, List.of()));
        } else if (form.equals("probe-error-text")) {
            message = "Readiness probe failed: " + message;
        }
        return EventMessages.classify(line.get("reason").asText(), message);
    }

    private static String fill(String template, List<String> values) {
        String filled = template;
        for (String value : values) {
            filled = filled.replaceFirst("%[sdv]", java.util.regex.Matcher.quoteReplacement(value));
        }
        assertThat(filled).as("template fully filled: " + template).doesNotContainPattern("%[sdv]");
        return filled;
    }
}

package io.resetwatch.forward;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.resetwatch.model.Alert;
import io.resetwatch.serde.Json;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PagerDutyClientTest {

    private static final String ROUTING_KEY = "R0UT1NGKEY0123456789abcdefABCDEF";

    private HttpServer server;
    private final Deque<Integer> statuses = new ArrayDeque<>();
    private final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
    private final List<Duration> waits = new ArrayList<>();
    private PagerDutyClient client;

    private record Request(String method, String path, String contentType, byte[] body) {
        JsonNode json() throws IOException {
            return Json.mapper().readTree(body);
        }
    }

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("Content-Type"), body));
            Integer status = statuses.poll();
            byte[] answer = "{\"status\":\"success\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status == null ? 202 : status, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
        URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        Backoff tiny = new Backoff(Duration.ofMillis(1), Duration.ofMillis(8), 0);
        client = new PagerDutyClient(HttpClient.newHttpClient(), url, ROUTING_KEY, tiny, duration -> {
            waits.add(duration);
            Thread.sleep(duration.toMillis());
        });
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    @Test
    void shouldRetryWithGrowingBackoffOnTooManyRequestsAndServerErrorsUntilAccepted() throws Exception {
        statuses.addAll(List.of(429, 500, 202));

        Delivery result = client.deliver(TestAlerts.firing("checkout"));

        assertThat(result).isEqualTo(Delivery.ACCEPTED);
        assertThat(requests).hasSize(3);
        assertThat(requests).extracting(r -> new String(r.body(), StandardCharsets.UTF_8)).containsOnly(
                new String(requests.get(0).body(), StandardCharsets.UTF_8));
        assertThat(waits).containsExactly(Duration.ofMillis(1), Duration.ofMillis(2));
    }

    @Test
    void shouldSkipAPoisonAlertWithoutRetryingWhenRefusedWithAClientError() throws Exception {
        statuses.add(400);

        Delivery result = client.deliver(TestAlerts.firing("checkout"));

        assertThat(result).isEqualTo(Delivery.REJECTED);
        assertThat(requests).hasSize(1);
        assertThat(waits).isEmpty();
    }

    @Test
    void shouldTriggerWithRoutingKeyAndTheAlertKeyAsDedupKey() throws Exception {
        client.deliver(TestAlerts.firing("checkout"));

        Request request = requests.get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/v2/enqueue");
        assertThat(request.contentType()).isEqualTo("application/json");
        JsonNode event = request.json();
        assertThat(event.get("routing_key").asText()).isEqualTo(ROUTING_KEY);
        assertThat(event.get("event_action").asText()).isEqualTo("trigger");
        assertThat(event.get("dedup_key").asText()).isEqualTo("prod-eu1/shop/checkout");
        JsonNode payload = event.get("payload");
        assertThat(payload.get("summary").asText()).startsWith("42 UC resets on shop/checkout");
        assertThat(payload.get("source").asText()).isEqualTo("prod-eu1/shop/checkout");
        assertThat(payload.get("severity").asText()).isEqualTo("critical");
        assertThat(payload.get("timestamp").asText()).isEqualTo("2025-03-04T10:15:42Z");
        assertThat(payload.get("component").asText()).isEqualTo("checkout");
        assertThat(payload.get("group").asText()).isEqualTo("shop");
        assertThat(payload.get("class").asText()).isEqualTo("OOM_KILLED");
        JsonNode details = payload.get("custom_details");
        assertThat(details.get("resets_total").asLong()).isEqualTo(42);
        assertThat(details.get("pods").get(0).get("name").asText()).isEqualTo("checkout-7d9f8b6c5d-x2kqp");
        assertThat(details.get("evidence")).hasSize(4);
    }

    @ParameterizedTest
    @CsvSource({"critical,critical", "warning,warning", "info,info"})
    void shouldMapSeverity(String alertSeverity, String pagerDutySeverity) throws Exception {
        client.deliver(TestAlerts.alert("checkout", Alert.FIRING, 1, alertSeverity, "OOM_KILLED", null, false));

        assertThat(requests.get(0).json().get("payload").get("severity").asText()).isEqualTo(pagerDutySeverity);
    }

    @Test
    void shouldNeverPageForACatchUpAlert() throws Exception {
        client.deliver(TestAlerts.alert("checkout", Alert.FIRING, 1, "critical", "OOM_KILLED", null, true));

        JsonNode payload = requests.get(0).json().get("payload");
        assertThat(payload.get("severity").asText()).isEqualTo("info");
        assertThat(payload.get("summary").asText()).startsWith("[catch-up, not paged]");
    }

    @Test
    void shouldResolveTheSameDedupKey() throws Exception {
        Alert firing = TestAlerts.firing("checkout");

        client.deliver(TestAlerts.resolved(firing, Instant.parse("2025-03-04T10:19:00Z")));

        JsonNode event = requests.get(0).json();
        assertThat(event.get("event_action").asText()).isEqualTo("resolve");
        assertThat(event.get("dedup_key").asText()).isEqualTo("prod-eu1/shop/checkout");
        assertThat(event.get("routing_key").asText()).isEqualTo(ROUTING_KEY);
        assertThat(event.has("payload")).isFalse();
    }

    @Test
    void shouldKeepAHugeIncidentUnderPagerDutysBodyLimit() throws Exception {
        Alert base = TestAlerts.firing("checkout");
        List<Alert.AlertPod> pods = IntStream.range(0, 5_000)
                .mapToObj(i -> new Alert.AlertPod("checkout-7d9f8b6c5d-" + i, "node-" + i, "10.0." + i, 1, 1,
                        List.of("f".repeat(300), "g".repeat(300))))
                .toList();
        Alert huge = new Alert(base.schemaVersion(), base.alertKey(), 1, base.status(), base.severity(), base.cause(),
                0.9, "s".repeat(5_000), base.k8sCluster(), base.namespace(), base.service(), base.upstreamCluster(),
                base.windowStart(), base.windowEnd(), base.startedAt(), null, 1, 1, 0, base.resets(), 42, 0.1, 40,
                pods, base.candidates(), List.of("e".repeat(5_000)), base.remediation(), false);

        client.deliver(huge);

        Request request = requests.get(0);
        assertThat(request.body().length).isLessThan(512 * 1024);
        JsonNode payload = request.json().get("payload");
        assertThat(payload.get("summary").asText()).hasSizeLessThanOrEqualTo(1024);
        assertThat(payload.get("custom_details").get("pods_affected").asInt()).isEqualTo(5_000);
        assertThat(payload.get("custom_details").get("pods")).hasSizeLessThanOrEqualTo(PagerDutyEvent.FEW);
    }

    @Test
    void shouldNotRevealTheRoutingKeyInItsDescription() {
        assertThat(client.toString()).doesNotContain(ROUTING_KEY);
        assertThat(PagerDutyEvent.of(TestAlerts.firing("checkout"), ROUTING_KEY).toString()).doesNotContain(ROUTING_KEY);
    }
}

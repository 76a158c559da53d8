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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the client sends to Alertmanager over an incident's life, against a fake endpoint and a movable clock. */
class AlertmanagerClientTest {

    private static final Duration RESEND = Duration.ofSeconds(60);

    private HttpServer server;
    private final List<JsonNode> posts = Collections.synchronizedList(new ArrayList<>());
    private final MovableClock clock = new MovableClock(Instant.parse("2025-03-04T10:16:00Z"));
    private AlertmanagerClient client;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/v2/alerts", exchange -> {
            posts.add(Json.mapper().readTree(exchange.getRequestBody().readAllBytes()));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
        client = new AlertmanagerClient(HttpClient.newHttpClient(),
                URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/"), clock, RESEND,
                new Backoff(Duration.ofMillis(1), Duration.ofMillis(2), 0), Waiter.SLEEP);
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void shouldResendAFiringAlertEachIntervalWithItsEndMovedAhead() throws Exception {
        client.deliver(TestAlerts.firing("checkout"));

        assertThat(client.resendIfDue()).isFalse();
        clock.advance(RESEND);
        assertThat(client.resendIfDue()).isTrue();

        assertThat(posts).hasSize(2);
        assertThat(posts.get(0).get(0).get("endsAt").asText()).isEqualTo("2025-03-04T10:20:00Z");
        assertThat(posts.get(1).get(0).get("endsAt").asText()).isEqualTo("2025-03-04T10:21:00Z");
    }

    @Test
    void shouldKeepResendingTheResolvedStateForAWhileThenStop() throws Exception {
        Alert firing = TestAlerts.firing("checkout");
        client.deliver(firing);
        client.deliver(TestAlerts.resolved(firing, clock.instant()));

        clock.advance(RESEND);
        client.resendIfDue();
        clock.advance(AlertmanagerClient.RESOLVED_KEEP);
        client.resendIfDue();

        assertThat(posts).hasSize(3);
        assertThat(posts.get(2).get(0).get("endsAt").asText()).isEqualTo("2025-03-04T10:16:00Z");
        assertThat(client.trackedKeys()).isEmpty();
    }

    @Test
    void shouldEndThePreviousLabelSetWhenTheCauseIsRefined() throws Exception {
        client.deliver(TestAlerts.firing("checkout"));
        clock.advance(Duration.ofSeconds(30));

        client.deliver(TestAlerts.alert("checkout", Alert.FIRING, 2, "critical", "UNGRACEFUL_SHUTDOWN", null, false));

        JsonNode second = posts.get(1);
        assertThat(second).hasSize(2);
        assertThat(second.get(0).get("labels").get("cause").asText()).isEqualTo("UNGRACEFUL_SHUTDOWN");
        assertThat(second.get(1).get("labels").get("cause").asText()).isEqualTo("OOM_KILLED");
        assertThat(second.get(1).get("endsAt").asText()).isEqualTo("2025-03-04T10:16:30Z");
    }

    @Test
    void shouldResendAlertsRememberedFromTheTopicAfterARestart() throws Exception {
        client.remember(TestAlerts.firing("checkout"));
        client.remember(TestAlerts.resolved(TestAlerts.firing("cart"), clock.instant().minus(Duration.ofHours(1))));

        clock.advance(RESEND);
        client.resendIfDue();

        assertThat(posts).hasSize(1);
        assertThat(posts.get(0)).hasSize(1);
        assertThat(posts.get(0).get(0).get("labels").get("service").asText()).isEqualTo("checkout");
    }

    private static final class MovableClock extends Clock {
        private Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}

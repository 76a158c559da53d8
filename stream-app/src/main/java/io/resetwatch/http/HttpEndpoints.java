package io.resetwatch.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.resetwatch.model.Alert;
import io.resetwatch.serde.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The small HTTP surface: {@code /metrics}, {@code /health/live}, {@code /health/ready}, {@code /api/alerts}.
 * It has no authentication: keep it inside the cluster (deploy/ restricts it with a NetworkPolicy).
 * {@code /api/alerts} gathers the firing alerts of every instance: each holds the upstreams of its own
 * partitions, so a query asks the others through their {@code application.server} address.
 */
public final class HttpEndpoints implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HttpEndpoints.class);

    private final HttpServer server;
    private final Health health;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public HttpEndpoints(String host, int port, boolean apiEnabled, PrometheusMeterRegistry registry, Health health,
                         KafkaStreams streams, Supplier<HostInfo> self) throws IOException {
        this.health = health;
        server = HttpServer.create(new InetSocketAddress(host, port), 0);
        server.setExecutor(Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "resetwatch-http");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/metrics", ex -> respond(ex, 200, "text/plain; version=0.0.4; charset=utf-8",
                registry.scrape()));
        server.createContext("/health/live", ex -> respond(ex, health.live() ? 200 : 503, "application/json",
                "{\"live\":" + health.live() + ",\"state\":\"" + health.state() + "\"}"));
        server.createContext("/health/ready", ex -> respond(ex, health.ready() ? 200 : 503, "application/json",
                "{\"ready\":" + health.ready() + ",\"state\":\"" + health.state() + "\"}"));
        if (apiEnabled) {
            FiringAlerts alerts = new FiringAlerts(streams);
            server.createContext("/api/alerts", ex -> alerts(ex, alerts, streams, self.get()));
        }
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void alerts(HttpExchange ex, FiringAlerts alerts, KafkaStreams streams, HostInfo self) throws IOException {
        if (!health.ready()) {
            respond(ex, 503, "application/json", "{\"error\":\"not ready: " + streams.state() + "\"}");
            return;
        }
        boolean localOnly = "local=true".equals(ex.getRequestURI().getQuery());
        ArrayNode out = Json.mapper().createArrayNode();
        for (Alert alert : alerts.local()) {
            out.add(Json.mapper().valueToTree(alert));
        }
        if (!localOnly) {
            for (StreamsMetadata member : streams.metadataForAllStreamsClients()) {
                HostInfo host = member.hostInfo();
                if (host.equals(self) || host.port() <= 0) {
                    continue;
                }
                try {
                    HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                                    URI.create("http://" + host.host() + ":" + host.port() + "/api/alerts?local=true"))
                            .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() == 200) {
                        Json.mapper().readTree(response.body()).forEach(out::add);
                    } else {
                        respond(ex, 502, "application/json", "{\"error\":\"instance " + host.host() + ":" + host.port()
                                + " answered " + response.statusCode() + "\"}");
                        return;
                    }
                } catch (IOException | InterruptedException e) {
                    LOG.warn("cannot reach instance {}:{} for /api/alerts: {}", host.host(), host.port(), e.toString());
                    respond(ex, 502, "application/json", "{\"error\":\"instance " + host.host() + ":" + host.port()
                            + " unreachable\"}");
                    return;
                }
            }
        }
        ObjectNode body = Json.mapper().createObjectNode();
        body.set("alerts", out);
        respond(ex, 200, "application/json", body.toString());
    }

    /** Headers first, then the body; the length is the byte length, not the character count. */
    private static void respond(HttpExchange ex, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", contentType);
        ex.getResponseHeaders().set("Cache-Control", "no-store");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream os = ex.getResponseBody()) {
            os.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

package io.resetwatch.forward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.resetwatch.model.Alert;
import io.resetwatch.serde.Json;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Forwards to a real Alertmanager (Debian's prometheus-alertmanager, installed here if missing) with a
 * resolve timeout of 10 s, to show that re-sends keep a firing alert active well past it and that a
 * resolved record ends the alert at once rather than by expiry.
 */
class AlertmanagerForwardingIT {

    private static final String BINARY = "prometheus-alertmanager";
    private static final Duration RESOLVE_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration RESEND_INTERVAL = Duration.ofSeconds(3);

    @TempDir
    static Path dir;
    private static Process alertmanager;
    private static URI url;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void startAlertmanager() throws Exception {
        String binary = installedBinary();
        Files.writeString(dir.resolve("am.yml"), """
                global:
                  resolve_timeout: 10s
                route:
                  receiver: blackhole
                receivers:
                  - name: blackhole
                """);
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        url = URI.create("http://127.0.0.1:" + port);
        alertmanager = new ProcessBuilder(binary, "--config.file=" + dir.resolve("am.yml"),
                "--storage.path=" + dir, "--web.listen-address=127.0.0.1:" + port, "--cluster.listen-address=")
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("alertmanager.log").toFile())
                .start();
        Instant deadline = Instant.now().plusSeconds(30);
        while (!ready()) {
            if (!alertmanager.isAlive() || Instant.now().isAfter(deadline)) {
                fail("Alertmanager did not become ready; its log:\n" + Files.readString(dir.resolve("alertmanager.log")));
            }
            Thread.sleep(100);
        }
    }

    @AfterAll
    static void stopAlertmanager() throws InterruptedException {
        if (alertmanager != null) {
            alertmanager.destroy();
            if (!alertmanager.waitFor(10, TimeUnit.SECONDS)) {
                alertmanager.destroyForcibly();
            }
        }
    }

    @Test
    void shouldKeepAFiringAlertActivePastTheResolveTimeoutAndEndItWhenResolved() throws Exception {
        AlertmanagerClient client = new AlertmanagerClient(HTTP, url, Clock.systemUTC(), RESEND_INTERVAL,
                new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1), 0.5), Waiter.SLEEP);
        Forwarder forwarder = new Forwarder(List.of(client));
        Alert firing = TestAlerts.firing("checkout");

        forwarder.deliver(List.of(firing));

        JsonNode active = awaitAlert("checkout", Duration.ofSeconds(10))
                .orElseGet(() -> fail("the firing alert never appeared in Alertmanager"));
        assertThat(active.get("labels").get("alertname").asText()).isEqualTo("UpstreamReset");
        assertThat(active.get("labels").has("pod")).isFalse();

        // Keep re-sending for twice the resolve timeout: the alert must stay active the whole time.
        Instant keepUntil = Instant.now().plus(RESOLVE_TIMEOUT.multipliedBy(2));
        Instant lastEndsAt = null;
        while (Instant.now().isBefore(keepUntil)) {
            client.resendIfDue();
            JsonNode alert = currentAlert("checkout")
                    .orElseGet(() -> fail("the alert lapsed although it was re-sent"));
            assertThat(alert.get("status").get("state").asText()).isEqualTo("active");
            lastEndsAt = Instant.parse(alert.get("endsAt").asText());
            Thread.sleep(250);
        }
        assertThat(lastEndsAt).isAfter(Instant.now());

        Instant resolvedAt = Instant.now();
        forwarder.deliver(List.of(TestAlerts.resolved(firing, resolvedAt)));

        // Gone from the active list at once, long before the endsAt of its last firing re-send.
        Instant deadline = Instant.now().plusSeconds(5);
        while (currentAlert("checkout").isPresent()) {
            assertThat(Instant.now()).as("resolved in time").isBefore(deadline);
            Thread.sleep(100);
        }
        assertThat(Instant.now()).as("ended by the resolved record, not by expiry").isBefore(lastEndsAt);
    }

    private static Optional<JsonNode> awaitAlert(String service, Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            Optional<JsonNode> alert = currentAlert(service);
            if (alert.isPresent() && "active".equals(alert.get().get("status").get("state").asText())) {
                return alert;
            }
            Thread.sleep(100);
        }
        return Optional.empty();
    }

    /** The alert as Alertmanager lists it (its list leaves out alerts whose endsAt has passed). */
    private static Optional<JsonNode> currentAlert(String service) throws Exception {
        HttpResponse<byte[]> response = HTTP.send(HttpRequest.newBuilder(url.resolve(
                "/api/v2/alerts?active=true&silenced=true&inhibited=true&unprocessed=true")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        for (JsonNode alert : Json.mapper().readTree(response.body())) {
            if (service.equals(alert.get("labels").path("service").asText())) {
                return Optional.of(alert);
            }
        }
        return Optional.empty();
    }

    private static boolean ready() {
        try {
            return HTTP.send(HttpRequest.newBuilder(url.resolve("/-/ready")).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    /** The binary's path; installs the Debian package when missing. Never skips: fails with the reason. */
    private static String installedBinary() throws Exception {
        Optional<String> found = onPath(BINARY);
        if (found.isPresent()) {
            return found.get();
        }
        String log = run("apt-get", "install", "-y", BINARY);
        if (onPath(BINARY).isEmpty()) {
            log += run("apt-get", "update") + run("apt-get", "install", "-y", BINARY);
        }
        String said = log;
        return onPath(BINARY).orElseGet(() -> fail("cannot install " + BINARY
                + " (needs root and the Debian archive: apt-get install -y " + BINARY + "); apt-get said:\n" + said));
    }

    private static Optional<String> onPath(String name) {
        for (String entry : (System.getenv("PATH") + ":/usr/bin:/usr/sbin").split(File.pathSeparator)) {
            File candidate = new File(entry, name);
            if (candidate.canExecute()) {
                return Optional.of(candidate.getPath());
            }
        }
        return Optional.empty();
    }

    private static String run(String... command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("DEBIAN_FRONTEND", "noninteractive");
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            return String.join(" ", command) + ": " + e.getMessage() + "\n";
        }
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
        }
        String tail = output.length() > 2000 ? output.substring(output.length() - 2000) : output;
        return String.join(" ", command) + " (exit " + process.exitValue() + "):\n" + tail;
    }
}

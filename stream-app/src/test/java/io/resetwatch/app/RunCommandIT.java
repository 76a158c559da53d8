package io.resetwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.resetwatch.kafka.EmbeddedKafka;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code resetwatch run} as users start it: the shaded jar in its own JVM, configured by file and environment. */
class RunCommandIT {

    private static EmbeddedKafka kafka;

    @BeforeAll
    static void startBroker() {
        kafka = EmbeddedKafka.start(EmbeddedKafka.Options.defaults());
    }

    @AfterAll
    static void stopBroker() {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void shouldBecomeReadyAndExitZeroOnSigterm() throws Exception {
        String id = UUID.randomUUID().toString().substring(0, 8);
        kafka.createTopics(Map.of("access-" + id, 2, "pods-" + id, 1));
        int port = freePort();
        Path config = Files.createTempFile("resetwatch", ".properties");
        Files.writeString(config, String.join("\n",
                "application.id=run-it-" + id,
                "input.access-logs.topic=access-" + id,
                "input.pod-events.topic=pods-" + id,
                "output.alerts.topic=alerts-" + id,
                "output.dead-letters.topic=dead-" + id,
                "internal.lifecycle-facts.topic=facts-" + id,
                "topics.replication-factor=1",
                "http.host=127.0.0.1",
                "http.advertised-host=127.0.0.1",
                "shutdown.timeout=20s",
                "state.dir=" + Files.createTempDirectory("run-it-state")));
        Process process = start(List.of("run", "--config", config.toString()),
                Map.of("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(), "RESETWATCH_HTTP_PORT",
                        Integer.toString(port)));
        try {
            awaitStatus(port, "/health/ready", 200, process);
            assertThat(get(port, "/health/live").statusCode()).isEqualTo(200);
            process.destroy(); // SIGTERM
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("exited within the shutdown bound").isTrue();
            assertThat(process.exitValue()).isZero();
        } finally {
            process.destroyForcibly();
        }
    }

    @Test
    void shouldSayWhichInputTopicIsMissingInOneLineAndExitOne() throws Exception {
        Process process = start(List.of("run", "--set", "input.access-logs.topic=no-such-topic",
                "--set", "http.port=0"), Map.of("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers()));
        assertThat(process.waitFor(90, TimeUnit.SECONDS)).isTrue();
        String stderr = new String(process.getErrorStream().readAllBytes());
        assertThat(process.exitValue()).isEqualTo(1);
        assertThat(stderr).contains("resetwatch: input topic 'no-such-topic' does not exist").doesNotContain("\tat ");
    }

    @Test
    void shouldRejectAnInvalidSettingNamingItsKey() throws Exception {
        Process process = start(List.of("run", "--set", "window.size=soon"), Map.of());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(2);
        assertThat(new String(process.getErrorStream().readAllBytes()))
                .contains("resetwatch: invalid configuration: window.size:");
    }

    private static Process start(List<String> args, Map<String, String> env) throws IOException {
        Path jar = Path.of("target/resetwatch.jar").toAbsolutePath();
        assertThat(jar).as("the shaded jar is built before integration tests").exists();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-jar", jar.toString()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(env);
        builder.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        return builder.start();
    }

    private static void awaitStatus(int port, String path, int status, Process process) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            assertThat(process.isAlive()).as("resetwatch run is still running").isTrue();
            try {
                if (get(port, path).statusCode() == status) {
                    return;
                }
            } catch (IOException notYetListening) {
                // The JVM is still starting.
            }
            Thread.sleep(250);
        }
        throw new AssertionError(path + " never answered " + status);
    }

    private static HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}

package io.resetwatch.forward;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ForwardCommandTest {

    private final StringWriter err = new StringWriter();

    @Test
    void shouldExitWithUsageErrorWhenNoTargetIsConfigured() {
        int exit = run(Map.of("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9"), "--topic", "alerts");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("no target");
    }

    @Test
    void shouldExitWithUsageErrorWithoutBootstrapServers() {
        int exit = run(Map.of(), "--alertmanager-url", "http://127.0.0.1:9093");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("bootstrap");
    }

    @Test
    void shouldExitWithUsageErrorForAnUnreadableResendInterval() {
        int exit = run(Map.of(), "--resend-interval", "often");

        assertThat(exit).isEqualTo(2);
    }

    @Test
    void shouldPassKafkaEnvironmentThroughButKeepManualCommitsAndTheGroupFlag() {
        ForwardCommand command = new ForwardCommand();
        CommandLine cli = new CommandLine(command);
        cli.parseArgs("--group", "fwd-1");
        command.env = Map.of("KAFKA_BOOTSTRAP_SERVERS", "broker:9092", "KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
                "KAFKA_ENABLE_AUTO_COMMIT", "true", "KAFKA_GROUP_ID", "other", "KAFKA_PORT", "tcp://10.0.0.1:9092");

        Properties properties = command.consumerProperties();

        assertThat(properties).containsEntry("bootstrap.servers", "broker:9092")
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("enable.auto.commit", "false")
                .containsEntry("isolation.level", "read_committed")
                .containsEntry("group.id", "fwd-1")
                .doesNotContainKey("port");
    }

    private int run(Map<String, String> env, String... args) {
        ForwardCommand command = new ForwardCommand();
        command.env = env;
        CommandLine cli = new CommandLine(command);
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }
}

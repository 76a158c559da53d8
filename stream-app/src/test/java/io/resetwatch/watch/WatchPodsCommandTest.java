package io.resetwatch.watch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class WatchPodsCommandTest {

    @Test
    void shouldExitWithUsageErrorWithoutBootstrapServers() {
        WatchPodsCommand command = new WatchPodsCommand();
        command.env = Map.of();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(command);
        cli.setErr(new PrintWriter(err, true));

        int exit = cli.execute("--namespace", "shop");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("bootstrap");
    }

    @Test
    void shouldKeepAcksAllAndIdempotenceWhateverTheEnvironmentSays() {
        WatchPodsCommand command = new WatchPodsCommand();
        new CommandLine(command).parseArgs("--bootstrap", "broker:9092");
        command.env = Map.of("KAFKA_ACKS", "1", "KAFKA_ENABLE_IDEMPOTENCE", "false", "KAFKA_LINGER_MS", "5");

        Properties properties = command.producerProperties();

        assertThat(properties).containsEntry("bootstrap.servers", "broker:9092").containsEntry("acks", "all")
                .containsEntry("enable.idempotence", "true").containsEntry("linger.ms", "5");
    }
}

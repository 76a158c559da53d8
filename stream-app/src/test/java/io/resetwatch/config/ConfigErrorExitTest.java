package io.resetwatch.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.resetwatch.app.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** An invalid configuration stops the CLI before it touches Kafka: one line naming the key, exit code 2. */
class ConfigErrorExitTest {

    @Test
    void shouldPrintTheKeyAndExitTwo() {
        PrintStream original = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            code = Main.execute("run", "--set", "threshold.burst.min-ratio=1.5");
        } finally {
            System.setErr(original);
        }
        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo(
                "resetwatch: invalid configuration: threshold.burst.min-ratio: must be a ratio between 0 and 1, "
                        + "not '1.5'" + System.lineSeparator());
    }
}

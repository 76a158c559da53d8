package io.resetwatch.kafka;

import java.io.IOException;
import java.io.InputStream;

/**
 * Entry point of the broker child JVM started by {@link EmbeddedKafka}.
 *
 * <p>It runs {@code kafka.Kafka} unchanged, plus one watchdog: the parent holds this process's stdin
 * open, so end-of-input means the parent is gone (even by SIGKILL, when no shutdown hook runs) and the
 * broker exits instead of living on as an orphan holding ports and disk.
 */
public final class BrokerProcessMain {

    private BrokerProcessMain() {
    }

    public static void main(String[] args) throws Exception {
        Thread watchdog = new Thread(BrokerProcessMain::exitWhenParentGoes, "parent-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        kafka.Kafka.main(args);
    }

    private static void exitWhenParentGoes() {
        InputStream in = System.in;
        try {
            while (in.read() != -1) {
                // Nothing is ever sent; reading only detects the pipe closing.
            }
        } catch (IOException e) {
            // A broken pipe means the same thing as end-of-input.
        }
        System.err.println("resetwatch: parent process gone, stopping the broker");
        System.exit(1);
    }
}

package io.resetwatch.app;

import io.resetwatch.config.RuntimeConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.apache.logging.log4j.LogManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code resetwatch run}: the long-running service. SIGTERM closes Kafka Streams within
 * {@code shutdown.timeout} and exits 0; a stream failure shuts the client down and exits 1.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run the resetwatch service against Kafka.",
                "Configuration layers, later wins: defaults < --config FILE < environment (RESETWATCH_* ours, "
                        + "KAFKA_* Kafka client properties) < --set key=value."})
final class RunCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);

    @Option(names = "--config", paramLabel = "FILE", description = "properties file")
    Path config;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "override one setting (repeatable)")
    Map<String, String> overrides = new LinkedHashMap<>();

    @Option(names = "--verbose", description = "print stack traces on failure")
    boolean verbose;

    @Override
    public Integer call() throws Exception {
        RuntimeConfig cfg = RuntimeConfig.load(config, System.getenv(), overrides);
        LOG.info("configuration: {}", cfg.describe());
        ServiceOptions options = new ServiceOptions(cfg.settings(), cfg.streamsProperties(), cfg.httpHost(),
                cfg.httpPort(), cfg.apiEnabled(), cfg.createTopics(), cfg.createdTopicPartitions(),
                cfg.replicationFactor(), cfg.shutdownTimeout());
        ResetWatchService service = new ResetWatchService(options, Clock.systemUTC());
        CountDownLatch exited = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            LOG.info("SIGTERM: closing (at most {})", cfg.shutdownTimeout());
            service.close();
            try {
                exited.await(cfg.shutdownTimeout().toMillis() + 5_000, java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            LogManager.shutdown();
            // The JVM would report 143 for a signal; a clean close is a success.
            Runtime.getRuntime().halt(service.failure() == null ? 0 : 1);
        }, "resetwatch-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            service.start();
        } catch (ResetWatchService.StartupException e) {
            Runtime.getRuntime().removeShutdownHook(hook);
            service.close();
            System.err.println("resetwatch: " + e.getMessage());
            return 1;
        }
        int code = service.awaitExit();
        exited.countDown();
        if (code != 0) {
            Runtime.getRuntime().removeShutdownHook(hook);
            service.close();
            System.err.println("resetwatch: stream processing failed: "
                    + (service.failure() == null ? "client stopped" : Main.oneLine(service.failure())));
        }
        return code;
    }
}

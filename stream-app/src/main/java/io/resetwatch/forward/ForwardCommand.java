package io.resetwatch.forward;

import io.resetwatch.config.DurationConverter;
import io.resetwatch.config.KafkaClientEnv;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * {@code resetwatch forward}: delivers the alerts topic to Alertmanager and/or PagerDuty, at least once.
 * Exit codes: 0 after a clean shutdown, 1 on a runtime failure, 2 on a usage error.
 */
@CommandLine.Command(name = "forward", mixinStandardHelpOptions = true,
        description = "Deliver alerts from the alerts topic to Alertmanager (API v2) and PagerDuty (Events API v2).")
public final class ForwardCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(ForwardCommand.class);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Option(names = "--bootstrap", description = "Kafka bootstrap servers (default: $KAFKA_BOOTSTRAP_SERVERS).")
    String bootstrap;

    @CommandLine.Option(names = "--topic", defaultValue = "resetwatch-alerts", description = "Alerts topic (default: ${DEFAULT-VALUE}).")
    String topic;

    @CommandLine.Option(names = "--group", defaultValue = "resetwatch-forward", description = "Consumer group id (default: ${DEFAULT-VALUE}).")
    String group;

    @CommandLine.Option(names = "--alertmanager-url", description = "Alertmanager base URL, e.g. http://alertmanager:9093.")
    URI alertmanagerUrl;

    @CommandLine.Option(names = "--pagerduty-url", defaultValue = "https://events.pagerduty.com", description = "PagerDuty Events API base URL (default: ${DEFAULT-VALUE}).")
    URI pagerdutyUrl;

    @CommandLine.Option(names = "--pagerduty-routing-key-env", defaultValue = "PAGERDUTY_ROUTING_KEY",
            description = "Name of the environment variable holding the PagerDuty routing key; PagerDuty is used when it is set (default: ${DEFAULT-VALUE}).")
    String pagerdutyRoutingKeyEnv;

    @CommandLine.Option(names = "--resend-interval", defaultValue = "60s", converter = DurationConverter.class,
            description = "How often firing alerts are re-sent to Alertmanager; endsAt is set 4 intervals ahead (default: ${DEFAULT-VALUE}).")
    Duration resendInterval;

    @CommandLine.Option(names = "--verbose", description = "Print stack traces of failures.")
    boolean verbose;

    /** The environment, replaceable in tests. */
    Map<String, String> env = System.getenv();

    @Override
    public Integer call() {
        Properties kafka = consumerProperties();
        String routingKey = env.get(pagerdutyRoutingKeyEnv);
        boolean pagerduty = routingKey != null && !routingKey.isBlank();
        if (alertmanagerUrl == null && !pagerduty) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "no target: give --alertmanager-url and/or set $" + pagerdutyRoutingKeyEnv);
        }
        LOG.info("forward: topic={} group={} alertmanager={} pagerduty={}", topic, group,
                alertmanagerUrl == null ? "off" : alertmanagerUrl, pagerduty ? pagerdutyUrl : "off ($" + pagerdutyRoutingKeyEnv + " unset)");
        CountDownLatch stopped = new CountDownLatch(1);
        Thread shutdown = null;
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(kafka)) {
            Properties readerProperties = new Properties();
            readerProperties.putAll(kafka);
            readerProperties.remove(ConsumerConfig.GROUP_ID_CONFIG);
            AlertConsumerLoop loop = new AlertConsumerLoop(consumer, topic, () -> new KafkaConsumer<>(readerProperties));
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            List<AlertTarget> targets = new ArrayList<>();
            AlertmanagerClient alertmanager = null;
            if (alertmanagerUrl != null) {
                alertmanager = new AlertmanagerClient(http, alertmanagerUrl, Clock.systemUTC(), resendInterval,
                        Backoff.DEFAULT, loop::awaitPaused);
                targets.add(alertmanager);
            }
            if (pagerduty) {
                targets.add(new PagerDutyClient(http, pagerdutyUrl, routingKey, Backoff.DEFAULT, loop::awaitPaused));
            }
            shutdown = new Thread(() -> {
                loop.stop();
                try {
                    stopped.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "forward-shutdown");
            Runtime.getRuntime().addShutdownHook(shutdown);
            loop.run(new Forwarder(targets), alertmanager);
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        } catch (RuntimeException e) {
            spec.commandLine().getErr().println("forward: " + oneLine(e));
            if (verbose) {
                e.printStackTrace(spec.commandLine().getErr());
            }
            return 1;
        } finally {
            stopped.countDown();
            removeQuietly(shutdown);
        }
    }

    Properties consumerProperties() {
        Set<String> known = ConsumerConfig.configNames();
        Properties kafka = AlertConsumerLoop.consumerDefaults(group);
        kafka.putAll(KafkaClientEnv.properties(env, known));
        Set<String> ignored = KafkaClientEnv.ignoredNames(env, known);
        if (!ignored.isEmpty()) {
            LOG.warn("ignoring environment variables that are not consumer settings: {}", ignored);
        }
        kafka.setProperty(ConsumerConfig.GROUP_ID_CONFIG, group); // the flag wins over $KAFKA_GROUP_ID
        if (bootstrap != null) {
            kafka.setProperty(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        }
        if (!kafka.containsKey(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "no Kafka bootstrap servers: give --bootstrap or set $KAFKA_BOOTSTRAP_SERVERS");
        }
        // The loop commits by hand after delivery; the environment must not turn that off.
        kafka.setProperty(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        return kafka;
    }

    private static void removeQuietly(Thread hook) {
        if (hook == null) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down: the hook is running, nothing to remove
        }
    }

    static String oneLine(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}

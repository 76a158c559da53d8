package io.resetwatch.watch;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.resetwatch.config.KafkaClientEnv;
import io.resetwatch.config.DurationConverter;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * {@code resetwatch watch-pods}: publishes pod add/update/delete events to the pod-events topic, keyed by
 * {@code <namespace>/<name>}. Needs {@code get}, {@code list} and {@code watch} on {@code pods} (cluster-wide,
 * or in the one namespace given). Exit codes: 0 after a clean shutdown, 1 on a runtime failure (the API server
 * refused the watch, or Kafka refused a record), 2 on a usage error.
 */
@CommandLine.Command(name = "watch-pods", mixinStandardHelpOptions = true,
        description = "Publish Kubernetes pod watch events ({\"type\":...,\"object\":<Pod>}) to Kafka.")
public final class WatchPodsCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(WatchPodsCommand.class);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Option(names = "--bootstrap", description = "Kafka bootstrap servers (default: $KAFKA_BOOTSTRAP_SERVERS).")
    String bootstrap;

    @CommandLine.Option(names = "--topic", defaultValue = "k8s-pod-events", description = "Pod events topic (default: ${DEFAULT-VALUE}).")
    String topic;

    @CommandLine.Option(names = "--namespace", description = "Watch one namespace only (default: all namespaces).")
    String namespace;

    @CommandLine.Option(names = "--label-selector", description = "Watch only pods matching this selector, e.g. app=checkout.")
    String labelSelector;

    @CommandLine.Option(names = "--resync", defaultValue = "10m", converter = DurationConverter.class,
            description = "How often every pod is re-published as MODIFIED (default: ${DEFAULT-VALUE}).")
    Duration resync;

    @CommandLine.Option(names = "--verbose", description = "Print stack traces of failures.")
    boolean verbose;

    /** The environment, replaceable in tests. */
    Map<String, String> env = System.getenv();

    @Override
    public Integer call() {
        Properties kafka = producerProperties();
        CountDownLatch shutdownRequested = new CountDownLatch(1);
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            shutdownRequested.countDown();
            try {
                stopped.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "watch-pods-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try (KafkaPodEventPublisher publisher = KafkaPodEventPublisher.create(kafka, topic);
             KubernetesClient client = new KubernetesClientBuilder().build()) {
            SharedIndexInformer<Pod> informer = PodWatcher.start(client, namespace, labelSelector, resync, publisher);
            LOG.info("watch-pods: publishing {} pods{} to {}", informer.getStore().list().size(),
                    namespace == null ? " of all namespaces" : " of namespace " + namespace, topic);
            CompletableFuture<?> informerStopped = informer.stopped().toCompletableFuture();
            CompletableFuture<Object> ended = CompletableFuture.anyOf(informerStopped, publisher.failure(),
                    CompletableFuture.runAsync(() -> awaitQuietly(shutdownRequested)));
            ended.get();
            informer.stop();
            if (publisher.failure().isDone()) {
                return fail("Kafka refused a pod event: " + oneLine(publisher.failure().get()), publisher.failure().get());
            }
            if (informerStopped.isCompletedExceptionally()) {
                try {
                    informerStopped.get();
                } catch (ExecutionException e) {
                    return fail("pod watch stopped: " + oneLine(e.getCause()), e.getCause());
                }
            }
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        } catch (ExecutionException e) {
            return fail(oneLine(e.getCause()), e.getCause());
        } catch (RuntimeException e) {
            return fail(oneLine(e), e);
        } finally {
            stopped.countDown();
            removeQuietly(hook);
        }
    }

    private int fail(String message, Throwable cause) {
        spec.commandLine().getErr().println("watch-pods: " + message);
        if (verbose && cause != null) {
            cause.printStackTrace(spec.commandLine().getErr());
        }
        return 1;
    }

    Properties producerProperties() {
        Set<String> known = ProducerConfig.configNames();
        Properties kafka = KafkaPodEventPublisher.producerDefaults();
        kafka.putAll(KafkaClientEnv.properties(env, known));
        Set<String> ignored = KafkaClientEnv.ignoredNames(env, known);
        if (!ignored.isEmpty()) {
            LOG.warn("ignoring environment variables that are not producer settings: {}", ignored);
        }
        if (bootstrap != null) {
            kafka.setProperty(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        }
        if (!kafka.containsKey(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "no Kafka bootstrap servers: give --bootstrap or set $KAFKA_BOOTSTRAP_SERVERS");
        }
        // Per-pod order and no loss are what downstream relies on; the environment must not weaken them.
        kafka.setProperty(ProducerConfig.ACKS_CONFIG, "all");
        kafka.setProperty(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        return kafka;
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
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

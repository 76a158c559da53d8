package io.resetwatch.app;

import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.resetwatch.config.Settings;
import io.resetwatch.http.Health;
import io.resetwatch.http.HttpEndpoints;
import io.resetwatch.metrics.ResetWatchMetrics;
import io.resetwatch.topology.ResetWatchTopology;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The long-running service behind {@code run} and {@code demo}: checks and creates topics, starts the Streams
 * client with its metrics and HTTP endpoints, and reports how it ended (0 when asked to stop, 1 when the
 * client failed). State is never wiped on start.
 */
public final class ResetWatchService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ResetWatchService.class);

    private final ServiceOptions options;
    private final Clock clock;
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private KafkaStreams streams;
    private HttpEndpoints http;
    private KafkaStreamsMetrics streamsMetrics;

    public ResetWatchService(ServiceOptions options, Clock clock) {
        this.options = options;
        this.clock = clock;
    }

    /** Fails with a one-line {@link StartupException} when a topic is missing or cannot be created. */
    public void start() throws Exception {
        Settings settings = options.settings();
        Properties props = options.streamsProperties();
        prepareTopics(settings, props);

        ResetWatchMetrics metrics = new ResetWatchMetrics(registry);
        Topology topology = new ResetWatchTopology(settings, clock, metrics).build(props);
        streams = new KafkaStreams(topology, props);
        streams.setUncaughtExceptionHandler(e -> {
            failure.compareAndSet(null, e);
            LOG.error("stream processing failed, shutting the client down: {}", e.toString());
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
        streams.setStateListener((now, before) -> {
            LOG.info("streams state {} -> {}", before, now);
            if (now == KafkaStreams.State.NOT_RUNNING || now == KafkaStreams.State.ERROR) {
                stopped.countDown();
            }
        });
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        streamsMetrics = new KafkaStreamsMetrics(streams);
        streamsMetrics.bindTo(registry);
        http = new HttpEndpoints(options.httpHost(), options.httpPort(), options.apiEnabled(), registry,
                new Health(streams), streams, this::self);
        streams.start();
        LOG.info("resetwatch started: application.id={} http=http://{}:{}/ guarantee={}",
                props.get(StreamsConfig.APPLICATION_ID_CONFIG), options.httpHost(), http.port(),
                props.getOrDefault(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE));
    }

    private HostInfo self() {
        Object server = options.streamsProperties().get(StreamsConfig.APPLICATION_SERVER_CONFIG);
        return server == null ? new HostInfo("unavailable", -1) : HostInfo.buildFromEndpoint(server.toString());
    }

    /** Blocks until the client stops; 0 when it was asked to, 1 when it failed. */
    public int awaitExit() throws InterruptedException {
        stopped.await();
        return failure.get() == null && streams.state() != KafkaStreams.State.ERROR ? 0 : 1;
    }

    public Throwable failure() {
        return failure.get();
    }

    public int httpPort() {
        return http.port();
    }

    public KafkaStreams streams() {
        return streams;
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    @Override
    public void close() {
        if (streams != null) {
            boolean closed = streams.close(CloseOptions.timeout(options.shutdownTimeout()));
            if (!closed) {
                LOG.warn("streams did not close within {}", options.shutdownTimeout());
            }
            stopped.countDown();
        }
        if (streamsMetrics != null) {
            streamsMetrics.close();
        }
        if (http != null) {
            http.close();
        }
    }

    /** Input topics must exist; output, dead-letter and lifecycle-facts topics are created when allowed. */
    private void prepareTopics(Settings settings, Properties props) throws Exception {
        Settings.Topics topics = settings.topics();
        try (Admin admin = Admin.create(adminProperties(props))) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            for (String input : List.of(topics.accessLogs(), topics.podEvents())) {
                if (!existing.contains(input)) {
                    throw new StartupException("input topic '" + input + "' does not exist on "
                            + props.get(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG)
                            + " (create it, or point input.*.topic at the right one)");
                }
            }
            List<NewTopic> toCreate = new ArrayList<>();
            for (NewTopic topic : outputTopics(settings)) {
                if (!existing.contains(topic.name())) {
                    if (!options.createTopics()) {
                        throw new StartupException("topic '" + topic.name() + "' does not exist and topics.create=false");
                    }
                    toCreate.add(topic);
                }
            }
            if (!toCreate.isEmpty()) {
                admin.createTopics(toCreate).all().get(30, TimeUnit.SECONDS);
                LOG.info("created topics {}", toCreate.stream().map(NewTopic::name).toList());
            }
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new StartupException("cannot reach Kafka at " + props.get(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG)
                    + ": " + cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : " " + cause.getMessage()));
        }
    }

    private List<NewTopic> outputTopics(Settings settings) {
        Settings.Topics topics = settings.topics();
        int partitions = options.createdTopicPartitions();
        short rf = options.replicationFactor();
        return List.of(
                // One record per incident update, keyed by alert key: compaction keeps each upstream's latest.
                new NewTopic(topics.alerts(), partitions, rf).configs(Map.of(
                        TopicConfig.CLEANUP_POLICY_CONFIG, "compact,delete",
                        TopicConfig.RETENTION_MS_CONFIG, Long.toString(30L * 24 * 3600 * 1000))),
                new NewTopic(topics.deadLetters(), partitions, rf).configs(Map.of(
                        TopicConfig.RETENTION_MS_CONFIG, Long.toString(14L * 24 * 3600 * 1000))),
                // Read in full by every instance into the lifecycle index: keep it short.
                new NewTopic(topics.lifecycleFacts(), partitions, rf).configs(Map.of(
                        TopicConfig.RETENTION_MS_CONFIG,
                        Long.toString(settings.factRetention().multipliedBy(2).toMillis()))));
    }

    static Properties adminProperties(Properties streamsProps) {
        Properties admin = new Properties();
        Set<String> known = AdminClientConfig.configNames();
        for (String name : streamsProps.stringPropertyNames()) {
            if (known.contains(name)) {
                admin.put(name, streamsProps.getProperty(name));
            }
        }
        for (Map.Entry<Object, Object> e : streamsProps.entrySet()) {
            if (known.contains(e.getKey().toString()) && !admin.containsKey(e.getKey())) {
                admin.put(e.getKey(), e.getValue());
            }
        }
        return admin;
    }

    /** A start-up problem the user can fix: printed as one line, exit 1. */
    public static final class StartupException extends Exception {
        public StartupException(String message) {
            super(message);
        }
    }
}

package io.resetwatch.topology;

import io.resetwatch.alert.AlertEngine;
import io.resetwatch.classify.Classifier;
import io.resetwatch.classify.ClassifierSettings;
import io.resetwatch.config.Settings;
import io.resetwatch.lifecycle.PodSnapshot;
import io.resetwatch.metrics.ResetWatchMetrics;
import io.resetwatch.model.Alert;
import io.resetwatch.model.LifecycleFact;
import io.resetwatch.alert.UpstreamState;
import io.resetwatch.serde.JsonSerde;
import java.time.Clock;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyConfig;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * The whole resetwatch topology, built from its settings alone (no environment, no clients):
 * <pre>
 * envoy-access-logs ─► access-log-ingest ─┬─► dead letters ──────────────────────────► resetwatch-dead-letters
 *                                          ├─► learned pod IPs ─────────────────────────► resetwatch-lifecycle-facts
 *                                          └─► observations + watermarks ─► [upstream-shuffle] ─► upstream-aggregator ─► resetwatch-alerts
 * k8s-pod-events ────► pod-event-ingest ───┬─► dead letters ──────────────────────────► resetwatch-dead-letters
 *                                          ├─► event facts ─────────────────────────────► resetwatch-lifecycle-facts
 *                                          └─► pod snapshots ─► [pod-snapshots] ─► pod-transitions ─► resetwatch-lifecycle-facts
 * resetwatch-lifecycle-facts ─► lifecycle-index (global store, read by upstream-aggregator)
 * </pre>
 */
public final class ResetWatchTopology {

    private final Settings settings;
    private final Classifier classifier;
    private final Clock wallClock;
    private final ResetWatchMetrics metrics;
    private final StoreNames stores = StoreNames.DEFAULT;

    public ResetWatchTopology(Settings settings, Clock wallClock, ResetWatchMetrics metrics) {
        this.settings = settings;
        this.classifier = new Classifier(new ClassifierSettings(settings.clockSkew(), settings.maxEvidenceItems()));
        this.wallClock = wallClock;
        this.metrics = metrics;
    }

    /** Name of the store behind {@code /api/alerts}. */
    public static String upstreamStateStore() {
        return StoreNames.DEFAULT.upstreamState();
    }

    public Topology build(Properties streamsProperties) {
        Properties props = new Properties();
        props.putAll(streamsProperties);
        props.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
        StreamsBuilder builder = new StreamsBuilder(new TopologyConfig(new StreamsConfig(withRequired(props))));
        Settings.Topics topics = settings.topics();
        JsonSerde<LifecycleFact> factSerde = JsonSerde.of(LifecycleFact.class);

        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(stores.sourceClock()), Serdes.Integer(), Serdes.Long()));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(stores.podSnapshots()), Serdes.String(), JsonSerde.of(PodSnapshot.class)));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(stores.upstreamState()), Serdes.String(), JsonSerde.of(UpstreamState.class)));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(stores.dueIndex()), Serdes.String(), Serdes.String()));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(stores.sourceWatermarks()), Serdes.Integer(),
                JsonSerde.of(ShuffleMessage.Watermark.class)));

        // Access logs.
        KStream<String, Routed> accessRouted = builder
                .stream(topics.accessLogs(), Consumed.with(Serdes.ByteArray(), Serdes.ByteArray())
                        .withName("access-logs-source"))
                .process(() -> new AccessLogIngestProcessor(settings, metrics, stores.sourceClock()),
                        Named.as("access-log-ingest"), stores.sourceClock());
        accessRouted.split(Named.as("access-"))
                .branch((k, v) -> v instanceof Routed.DeadLetter,
                        Branched.withConsumer(s -> deadLetters(s, "access"), "dead-letters"))
                .branch((k, v) -> v instanceof Routed.Fact,
                        Branched.withConsumer(s -> s.mapValues(v -> ((Routed.Fact) v).fact(), Named.as("learned-fact-values"))
                                .to(topics.lifecycleFacts(), Produced.with(Serdes.String(), factSerde)
                                        .withName("access-learned-facts-sink")), "facts"))
                .defaultBranch(Branched.withConsumer(s -> s
                        .mapValues(v -> ((Routed.Shuffle) v).message(), Named.as("observation-values"))
                        .repartition(Repartitioned.<String, ShuffleMessage>as("upstream-shuffle")
                                .withKeySerde(Serdes.String())
                                .withValueSerde(JsonSerde.of(ShuffleMessage.class))
                                .withStreamPartitioner(new UpstreamPartitioner()))
                        .process(() -> new UpstreamAggregator(new AlertEngine(settings, classifier, wallClock),
                                        metrics, stores, settings.clockSkew().toMillis()),
                                Named.as("upstream-aggregator"),
                                stores.upstreamState(), stores.dueIndex(), stores.sourceWatermarks())
                        .to(topics.alerts(), Produced.with(Serdes.String(), JsonSerde.of(Alert.class))
                                .withName("alerts-sink")), "observations"));

        // Pod lifecycle.
        KStream<String, Routed> podRouted = builder
                .stream(topics.podEvents(), Consumed.with(Serdes.ByteArray(), Serdes.ByteArray())
                        .withName("pod-events-source"))
                .process(() -> new PodEventIngestProcessor(metrics), Named.as("pod-event-ingest"));
        podRouted.split(Named.as("pod-"))
                .branch((k, v) -> v instanceof Routed.DeadLetter,
                        Branched.withConsumer(s -> deadLetters(s, "pod"), "dead-letters"))
                .branch((k, v) -> v instanceof Routed.Fact,
                        Branched.withConsumer(s -> s.mapValues(v -> ((Routed.Fact) v).fact(), Named.as("event-fact-values"))
                                .to(topics.lifecycleFacts(), Produced.with(Serdes.String(), factSerde)
                                        .withName("pod-event-facts-sink")), "facts"))
                .defaultBranch(Branched.withConsumer(s -> s
                        .mapValues(v -> ((Routed.Snapshot) v).snapshot(), Named.as("pod-snapshot-values"))
                        .repartition(Repartitioned.<String, PodSnapshot>as("pod-snapshots")
                                .withKeySerde(Serdes.String())
                                .withValueSerde(JsonSerde.of(PodSnapshot.class)))
                        .process(() -> new PodTransitionProcessor(stores.podSnapshots(), metrics),
                                Named.as("pod-transitions"), stores.podSnapshots())
                        .to(topics.lifecycleFacts(), Produced.with(Serdes.String(), factSerde)
                                .withName("pod-transition-facts-sink")), "snapshots"));

        // The lifecycle index every upstream task reads.
        builder.addGlobalStore(
                Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(stores.lifecycleIndex()), Serdes.String(),
                        JsonSerde.of(LifecycleIndex.class)).withLoggingDisabled(),
                topics.lifecycleFacts(),
                Consumed.with(Serdes.String(), factSerde).withName("lifecycle-facts-source"),
                () -> new LifecycleIndexUpdater(stores.lifecycleIndex(), settings.factRetention().toMillis()));

        return builder.build(props);
    }

    private void deadLetters(KStream<String, Routed> stream, String prefix) {
        stream.map((k, v) -> {
                    Routed.DeadLetter dl = (Routed.DeadLetter) v;
                    return KeyValue.pair(dl.key(), dl.value());
                }, Named.as(prefix + "-dead-letter-values"))
                .to(settings.topics().deadLetters(), Produced.with(Serdes.ByteArray(), Serdes.ByteArray())
                        .withName(prefix + "-dead-letters-sink"));
    }

    /** TopologyConfig only reads topology settings, but StreamsConfig insists on these two. */
    private static Properties withRequired(Properties props) {
        Properties p = new Properties();
        p.putAll(props);
        p.putIfAbsent(StreamsConfig.APPLICATION_ID_CONFIG, "resetwatch");
        p.putIfAbsent(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        return p;
    }
}

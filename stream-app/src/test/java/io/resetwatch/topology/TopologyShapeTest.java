package io.resetwatch.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.resetwatch.config.Settings;
import io.resetwatch.metrics.ResetWatchMetrics;
import java.time.Clock;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyDescription;
import org.junit.jupiter.api.Test;

class TopologyShapeTest {

    private final TopologyDescription description = new ResetWatchTopology(Settings.defaults(), Clock.systemUTC(),
            new ResetWatchMetrics(new SimpleMeterRegistry())).build(properties()).describe();

    @Test
    void shouldNameEverySourceProcessorSinkAndStore() {
        String text = description.toString();
        assertThat(text).contains(
                "access-logs-source", "access-log-ingest", "upstream-shuffle-repartition", "upstream-aggregator",
                "alerts-sink", "pod-events-source", "pod-event-ingest", "pod-snapshots-repartition", "pod-transitions",
                "access-dead-letters-sink", "pod-dead-letters-sink", "lifecycle-facts-source",
                "upstream-state", "due-index", "source-watermarks", "source-clock", "pod-snapshots", "lifecycle-index");
    }

    @Test
    void shouldHaveOneGlobalStoreAndFourSubtopologies() {
        assertThat(description.globalStores()).hasSize(1);
        assertThat(description.globalStores().iterator().next().source().topicSet())
                .containsExactly("resetwatch-lifecycle-facts");
        assertThat(description.subtopologies()).hasSize(4);
    }

    private static Properties properties() {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "shape");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        return props;
    }
}

package io.resetwatch.http;

import io.resetwatch.alert.UpstreamState;
import io.resetwatch.model.Alert;
import io.resetwatch.topology.ResetWatchTopology;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/** Currently firing alerts from this instance's upstream-state store (interactive queries). */
public final class FiringAlerts {

    private final KafkaStreams streams;

    public FiringAlerts(KafkaStreams streams) {
        this.streams = streams;
    }

    public List<Alert> local() {
        ReadOnlyKeyValueStore<String, UpstreamState> store = streams.store(StoreQueryParameters.fromNameAndType(
                ResetWatchTopology.upstreamStateStore(), QueryableStoreTypes.<String, UpstreamState>keyValueStore()));
        List<Alert> firing = new ArrayList<>();
        try (KeyValueIterator<String, UpstreamState> it = store.all()) {
            while (it.hasNext()) {
                KeyValue<String, UpstreamState> entry = it.next();
                if (entry.value.firing() && entry.value.lastAlert() != null) {
                    firing.add(entry.value.lastAlert());
                }
            }
        }
        return firing;
    }
}

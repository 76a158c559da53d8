package io.resetwatch.topology;

import io.resetwatch.lifecycle.PodSnapshot;
import io.resetwatch.lifecycle.PodTransitions;
import io.resetwatch.metrics.ResetWatchMetrics;
import io.resetwatch.model.LifecycleFact;
import java.util.List;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Pod objects say what a pod IS; the facts say what CHANGED. The change (and its time) is found by comparing
 * with the previous state of the same pod (CONTRACTS §2), kept here per pod until the pod is deleted.
 */
final class PodTransitionProcessor implements Processor<String, PodSnapshot, String, LifecycleFact> {

    private final String storeName;
    private final ResetWatchMetrics metrics;
    private ProcessorContext<String, LifecycleFact> context;
    private KeyValueStore<String, PodSnapshot> previous;

    PodTransitionProcessor(String storeName, ResetWatchMetrics metrics) {
        this.storeName = storeName;
        this.metrics = metrics;
    }

    static String keyOf(PodSnapshot pod) {
        return pod.uid() != null ? "pod:" + pod.uid() : "pod:" + pod.namespace() + "/" + pod.name();
    }

    @Override
    public void init(ProcessorContext<String, LifecycleFact> context) {
        this.context = context;
        this.previous = context.getStateStore(storeName);
    }

    @Override
    public void process(Record<String, PodSnapshot> record) {
        PodSnapshot current = record.value();
        List<LifecycleFact> facts = PodTransitions.between(previous.get(record.key()), current, record.timestamp());
        if ("DELETED".equals(current.watchType())) {
            previous.delete(record.key());
        } else {
            previous.put(record.key(), current);
        }
        for (LifecycleFact fact : facts) {
            if (!PodEventIngestProcessor.identified(fact)) {
                continue;
            }
            metrics.facts(fact.type().name());
            long time = fact.time() == null ? record.timestamp() : fact.time().toEpochMilli();
            context.forward(new Record<>(fact.subjectKey(), fact, time));
        }
    }
}

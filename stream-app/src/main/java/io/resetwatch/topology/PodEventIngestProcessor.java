package io.resetwatch.topology;

import io.resetwatch.lifecycle.LifecycleOutcome;
import io.resetwatch.lifecycle.LifecycleParser;
import io.resetwatch.lifecycle.PodSnapshot;
import io.resetwatch.metrics.ResetWatchMetrics;
import io.resetwatch.model.LifecycleFact;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Pod-events partition → lifecycle facts keyed by what they concern (the event exporter keys by the Event's
 * own uid, so everything is re-keyed), pod snapshots keyed by pod for diffing, and dead letters.
 */
final class PodEventIngestProcessor implements Processor<byte[], byte[], String, Routed> {

    private final ResetWatchMetrics metrics;
    private final LifecycleParser parser = new LifecycleParser();
    private ProcessorContext<String, Routed> context;

    PodEventIngestProcessor(ResetWatchMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, Routed> context) {
        this.context = context;
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        LifecycleOutcome outcome = parser.parse(record.value(), record.timestamp());
        if (outcome instanceof LifecycleOutcome.Rejected rejected) {
            DeadLetters.forward(context, record, rejected.reason(), rejected.format(), metrics);
        } else if (outcome instanceof LifecycleOutcome.Skipped skipped) {
            metrics.skipped(skipped.reason());
        } else if (outcome instanceof LifecycleOutcome.Facts facts) {
            metrics.parsed(facts.format());
            for (LifecycleFact fact : facts.facts()) {
                if (!identified(fact)) {
                    metrics.skipped("fact_without_subject");
                    continue;
                }
                metrics.facts(fact.type().name());
                long time = fact.time() == null ? record.timestamp() : fact.time().toEpochMilli();
                context.forward(new Record<>(fact.subjectKey(), new Routed.Fact(fact), time));
            }
        } else if (outcome instanceof LifecycleOutcome.PodObserved observed) {
            metrics.parsed(observed.format());
            PodSnapshot pod = observed.snapshot();
            if (pod.uid() == null && pod.name() == null) {
                metrics.skipped("pod_without_identity");
                return;
            }
            context.forward(new Record<>(PodTransitionProcessor.keyOf(pod), new Routed.Snapshot(pod),
                    record.timestamp()));
        }
    }

    /** Excerpts with no pod, node or owner named cannot be joined to anything (e.g. a status-only fragment). */
    static boolean identified(LifecycleFact fact) {
        return switch (fact.scope()) {
            case POD -> fact.podUid() != null || fact.podName() != null;
            case NODE -> fact.node() != null;
            case OWNER -> fact.ownerName() != null;
        };
    }
}

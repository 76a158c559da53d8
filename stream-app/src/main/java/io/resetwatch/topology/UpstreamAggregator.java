package io.resetwatch.topology;

import io.resetwatch.alert.AlertEngine;
import io.resetwatch.alert.FactLookup;
import io.resetwatch.alert.UpstreamState;
import io.resetwatch.metrics.ResetWatchMetrics;
import io.resetwatch.model.Alert;
import io.resetwatch.window.Observation;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Upstream partition: windows, join and alert lifecycle. Its clock is the effective event time — the slowest
 * non-idle source partition's watermark (or, when all are idle, the newest) — so windows close only once
 * every source has passed them, whether the sources are live, replaying or catching up on a backlog. Work
 * due at a time (refine, close, resolve) is found through a due index, not by scanning every upstream.
 */
final class UpstreamAggregator implements Processor<String, ShuffleMessage, String, Alert> {

    /** Where the task's own effective time is kept, beside the sources' watermarks (which are partitions ≥ 0). */
    static final int EFFECTIVE_TIME_KEY = -1;

    private final AlertEngine engine;
    private final ResetWatchMetrics metrics;
    private final StoreNames stores;
    private final long skewMs;

    private ProcessorContext<String, Alert> context;
    private KeyValueStore<String, UpstreamState> states;
    private KeyValueStore<String, String> due;
    private KeyValueStore<Integer, ShuffleMessage.Watermark> watermarks;
    private FactLookup facts;
    private long effectiveTime = Long.MIN_VALUE;

    UpstreamAggregator(AlertEngine engine, ResetWatchMetrics metrics, StoreNames stores, long skewMs) {
        this.engine = engine;
        this.metrics = metrics;
        this.stores = stores;
        this.skewMs = skewMs;
    }

    @Override
    public void init(ProcessorContext<String, Alert> context) {
        this.context = context;
        this.states = context.getStateStore(stores.upstreamState());
        this.due = context.getStateStore(stores.dueIndex());
        this.watermarks = context.getStateStore(stores.sourceWatermarks());
        KeyValueStore<String, LifecycleIndex> index = context.getStateStore(stores.lifecycleIndex());
        this.facts = new IndexFactLookup(index, skewMs);
        // Restart or rebalance: resume from the persisted clock, never from a recomputation that could be
        // lower (a window closed before the restart must stay closed, or late lines would reopen it).
        ShuffleMessage.Watermark saved = watermarks.get(EFFECTIVE_TIME_KEY);
        this.effectiveTime = computeEffectiveTime(saved == null ? Long.MIN_VALUE : saved.timeMs());
    }

    @Override
    public void process(Record<String, ShuffleMessage> record) {
        ShuffleMessage message = record.value();
        if (message == null) {
            return;
        }
        if (message.watermark() != null) {
            onWatermark(message.watermark());
        } else if (message.observation() != null) {
            onObservation(record.key(), message.observation());
        }
    }

    private void onObservation(String key, Observation o) {
        UpstreamState state = states.get(key);
        if (state == null) {
            state = new UpstreamState(key, o.k8sCluster(), o.namespace(), o.service());
        }
        AlertEngine.Step step = engine.onObservation(state, o, effectiveTime, facts);
        if (step.late()) {
            metrics.late();
            return;
        }
        emit(step.alerts());
        save(key, state);
    }

    private void onWatermark(ShuffleMessage.Watermark watermark) {
        watermarks.put(watermark.source(), watermark);
        long next = computeEffectiveTime(effectiveTime);
        if (next <= effectiveTime) {
            return;
        }
        effectiveTime = next;
        watermarks.put(EFFECTIVE_TIME_KEY, new ShuffleMessage.Watermark(EFFECTIVE_TIME_KEY, next, false));
        List<KeyValue<String, String>> dueNow = new ArrayList<>();
        try (KeyValueIterator<String, String> it = due.range(dueKey(0, ""), dueKey(next, "\uffff"))) {
            while (it.hasNext()) {
                dueNow.add(it.next());
            }
        }
        for (KeyValue<String, String> entry : dueNow) {
            due.delete(entry.key);
            UpstreamState state = states.get(entry.value);
            if (state == null) {
                continue;
            }
            state.scheduledDueMs(Long.MAX_VALUE);
            emit(engine.advance(state, effectiveTime, facts));
            save(entry.value, state);
        }
    }

    private void save(String key, UpstreamState state) {
        long next = engine.nextDueMs(state);
        if (next != state.scheduledDueMs()) {
            if (state.scheduledDueMs() != Long.MAX_VALUE) {
                due.delete(dueKey(state.scheduledDueMs(), key));
            }
            if (next != Long.MAX_VALUE) {
                due.put(dueKey(next, key), key);
            }
            state.scheduledDueMs(next);
        }
        if (state.idle()) {
            states.delete(key);
            if (state.scheduledDueMs() != Long.MAX_VALUE) {
                due.delete(dueKey(state.scheduledDueMs(), key));
            }
        } else {
            states.put(key, state);
        }
    }

    private void emit(List<AlertEngine.TimedAlert> alerts) {
        for (AlertEngine.TimedAlert timed : alerts) {
            Alert alert = timed.alert();
            metrics.alert(alert.cause(), alert.status());
            context.forward(new Record<>(alert.alertKey(), alert, timed.timeMs()));
        }
    }

    /** Never moves backwards: windows already closed stay closed. */
    private long computeEffectiveTime(long current) {
        long slowestActive = Long.MAX_VALUE;
        long newest = Long.MIN_VALUE;
        boolean anyActive = false;
        try (KeyValueIterator<Integer, ShuffleMessage.Watermark> it = watermarks.all()) {
            while (it.hasNext()) {
                var entry = it.next();
                if (entry.key == EFFECTIVE_TIME_KEY) {
                    continue;
                }
                ShuffleMessage.Watermark w = entry.value;
                newest = Math.max(newest, w.timeMs());
                if (!w.idle()) {
                    anyActive = true;
                    slowestActive = Math.min(slowestActive, w.timeMs());
                }
            }
        }
        long candidate = anyActive ? slowestActive : newest;
        return Math.max(current, candidate);
    }

    /** Sortable due-index key: the due time in fixed-width hex, then the upstream key. */
    static String dueKey(long dueMs, String upstreamKey) {
        return String.format("%016x|%s", Math.max(0, dueMs), upstreamKey);
    }
}

package io.resetwatch.topology;

import io.resetwatch.attribute.ResetFamily;
import io.resetwatch.attribute.Upstream;
import io.resetwatch.attribute.UpstreamResolver;
import io.resetwatch.config.Settings;
import io.resetwatch.metrics.ResetWatchMetrics;
import io.resetwatch.model.AccessLogRecord;
import io.resetwatch.model.FactScope;
import io.resetwatch.model.FactType;
import io.resetwatch.model.LifecycleFact;
import io.resetwatch.model.ReportingPod;
import io.resetwatch.parse.AccessLogParser;
import io.resetwatch.parse.ParseOutcome;
import io.resetwatch.window.Observation;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Access-log partition → observations keyed by upstream, dead letters, learned pod IPs, and this partition's
 * watermark. The watermark is the partition's own event time, bounded so that one far-future record cannot
 * move it (CONTRACTS §5), and advanced by wall clock only once the partition has been silent for the idle
 * timeout — never while records flow, so a backlog or a replay closes windows exactly as live traffic does.
 */
final class AccessLogIngestProcessor implements Processor<byte[], byte[], String, Routed> {

    static final String WATERMARK_KEY = "~watermark";
    private static final long WATERMARK_STEP_MS = 1_000;
    private static final long RELEARN_AFTER_MS = Duration.ofMinutes(10).toMillis();
    private static final int LEARNED_CACHE_SIZE = 50_000;

    private final Settings settings;
    private final ResetWatchMetrics metrics;
    private final AccessLogParser parser;
    private final UpstreamResolver resolver;
    private final String clockStoreName;
    private final long maxJumpMs;
    private final long idleTimeoutMs;

    private ProcessorContext<String, Routed> context;
    private KeyValueStore<Integer, Long> clockStore;
    private int partition;
    private long clock = Long.MIN_VALUE;
    private long pendingJump = Long.MIN_VALUE;
    private long lastWatermarkSent = Long.MIN_VALUE;
    private boolean lastWatermarkIdle;
    private long lastRecordWallMs;
    /** Which pod IPs were already published, so the index is fed once per pod and IP, not once per line. */
    private final Map<String, Long> learned = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
            return size() > LEARNED_CACHE_SIZE;
        }
    };

    AccessLogIngestProcessor(Settings settings, ResetWatchMetrics metrics, String clockStoreName) {
        this.settings = settings;
        this.metrics = metrics;
        this.parser = new AccessLogParser(settings.maxRecordBytes());
        this.resolver = new UpstreamResolver(settings.k8sCluster());
        this.clockStoreName = clockStoreName;
        this.maxJumpMs = settings.maxClockJump().toMillis();
        this.idleTimeoutMs = settings.idleTimeout().toMillis();
    }

    @Override
    public void init(ProcessorContext<String, Routed> context) {
        this.context = context;
        this.clockStore = context.getStateStore(clockStoreName);
        this.partition = context.taskId().partition();
        Long saved = clockStore.get(partition);
        if (saved != null) {
            clock = saved;
        }
        lastRecordWallMs = context.currentSystemTimeMs();
        context.schedule(Duration.ofSeconds(1), PunctuationType.WALL_CLOCK_TIME, this::onWallClock);
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        lastRecordWallMs = context.currentSystemTimeMs();
        ParseOutcome outcome = parser.parse(record.value(), record.timestamp());
        if (outcome instanceof ParseOutcome.Rejected rejected) {
            DeadLetters.forward(context, record, rejected.reason(), rejected.format(), metrics);
        } else if (outcome instanceof ParseOutcome.Skipped skipped) {
            metrics.skipped(skipped.reason());
        } else if (outcome instanceof ParseOutcome.Parsed parsed) {
            accept(parsed.record(), record.timestamp());
        }
    }

    private void accept(AccessLogRecord line, long recordTimestamp) {
        metrics.parsed(line.format());
        var upstream = resolver.resolve(line);
        if (upstream.isEmpty()) {
            metrics.unattributable();
            return;
        }
        Upstream u = upstream.get();
        if (settings.excluded(u.namespace(), u.service(), line.path())) {
            metrics.excluded();
            return;
        }
        Observation observation = observe(line, u, recordTimestamp);
        if (observation.reset()) {
            for (String flag : line.responseFlags()) {
                metrics.reset(u.namespace(), u.service(), flag);
            }
        }
        advanceClock(observation.timeMs());
        context.forward(new Record<>(u.key(), new Routed.Shuffle(ShuffleMessage.of(observation)),
                observation.timeMs()));
        learnPodIp(line, observation.timeMs());
        if (clock != Long.MIN_VALUE && (lastWatermarkIdle || clock >= lastWatermarkSent + WATERMARK_STEP_MS)) {
            sendWatermark(clock, false);
        }
    }

    private Observation observe(AccessLogRecord line, Upstream u, long recordTimestamp) {
        boolean reset = ResetFamily.isReset(line);
        long time = line.endTime() != null ? line.endTime().toEpochMilli() : recordTimestamp;
        String podNamespace = null;
        String podName = null;
        String podUid = null;
        String node = null;
        String ip;
        if (u.inbound()) {
            ReportingPod writer = line.reporter();
            if (writer != null) {
                podNamespace = writer.namespace();
                podName = writer.name();
                podUid = writer.uid();
                node = writer.node();
            }
            ip = writer != null && writer.ip() != null ? writer.ip() : hostOf(line.downstreamLocalAddress());
        } else {
            ip = line.upstreamHostIp();
        }
        String resetReason = null;
        String transportFailure = null;
        if (reset) {
            resetReason = line.responseCodeDetails().resetReason() != null
                    ? line.responseCodeDetails().resetReason()
                    : line.responseCodeDetails().raw();
            transportFailure = line.upstreamTransportFailureReason() != null
                    ? line.upstreamTransportFailureReason()
                    : line.responseCodeDetails().transportFailure();
        }
        return new Observation(u.key(), u.k8sCluster(), u.namespace(), u.service(),
                line.upstreamCluster().raw(), u.inbound(), time, line.responseFlags(), reset, resetReason,
                transportFailure, line.responseCode(), line.durationMs() == null ? -1 : line.durationMs(),
                podNamespace, podName, podUid, node, ip, reset ? line.requestId() : null);
    }

    /** Bounded clock: a record more than the max jump ahead moves time only once a second record confirms it. */
    private void advanceClock(long time) {
        if (clock == Long.MIN_VALUE) {
            clock = time;
        } else if (time > clock + maxJumpMs) {
            if (pendingJump != Long.MIN_VALUE && Math.abs(time - pendingJump) <= maxJumpMs) {
                clock = Math.max(time, pendingJump);
                pendingJump = Long.MIN_VALUE;
            } else {
                pendingJump = time;
                metrics.futureRecord();
            }
        } else if (time > clock) {
            clock = time;
        }
    }

    /** Inbound envelopes name the writer pod and its IP: the IP → pod index learns from them too (CONTRACTS §3). */
    private void learnPodIp(AccessLogRecord line, long time) {
        ReportingPod writer = line.reporter();
        if (writer == null || writer.ip() == null || writer.name() == null) {
            return;
        }
        String id = writer.namespace() + "/" + writer.name() + "|" + writer.ip();
        Long last = learned.get(id);
        if (last != null && time - last < RELEARN_AFTER_MS && time >= last) {
            return;
        }
        learned.put(id, time);
        Instant at = Instant.ofEpochMilli(time);
        LifecycleFact fact = new LifecycleFact(FactType.IP_ASSIGNED, FactScope.POD, settings.k8sCluster(),
                writer.namespace(), writer.name(), writer.uid(), writer.node(), null, null, null, at, at, at, 1,
                null, null, null, null, null, writer.ip(), null, null, writer.labels(), "envelope");
        context.forward(new Record<>(fact.subjectKey(), new Routed.Fact(fact), time));
    }

    private void onWallClock(long nowMs) {
        if (clock == Long.MIN_VALUE) {
            return;
        }
        long silentFor = nowMs - lastRecordWallMs;
        if (silentFor >= idleTimeoutMs) {
            metrics.idleAdvance();
            sendWatermark(clock + silentFor, true);
        } else if (clock > lastWatermarkSent) {
            sendWatermark(clock, false);
        }
    }

    private void sendWatermark(long timeMs, boolean idle) {
        lastWatermarkSent = timeMs;
        lastWatermarkIdle = idle;
        clockStore.put(partition, clock);
        context.forward(new Record<>(WATERMARK_KEY,
                new Routed.Shuffle(ShuffleMessage.of(new ShuffleMessage.Watermark(partition, timeMs, idle))),
                timeMs));
    }

    private static String hostOf(String address) {
        if (address == null) {
            return null;
        }
        int colon = address.lastIndexOf(':');
        return colon > 0 ? address.substring(0, colon) : address;
    }
}

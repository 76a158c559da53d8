package io.resetwatch.bench;

import io.resetwatch.alert.AlertEngine;
import io.resetwatch.alert.FactLookup;
import io.resetwatch.alert.UpstreamState;
import io.resetwatch.classify.Classifier;
import io.resetwatch.classify.ClassifierSettings;
import io.resetwatch.config.Settings;
import io.resetwatch.window.Observation;
import io.resetwatch.window.WindowAggregate;
import io.resetwatch.window.WindowLimits;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Throughput of the window step, per access-log line: {@link WindowAggregate#add} alone, and the whole
 * {@link AlertEngine#onObservation} path the aggregator runs for each line (window lookup, add, burst check, a
 * firing classification with {@link FactLookup#NONE} when the burst crosses), with {@link AlertEngine#advance}
 * every 64 lines as the punctuator would. The observations are a busy upstream's: five pods, both reporting
 * sides, about 3% resets with UC / URX,UF / UR and their details, unique request ids on resets.
 *
 * <p>Run with the other benchmarks: see the README ("Building and testing").
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class WindowAggregationBenchmark {

    /** 4096 lines 15 ms apart: about one minute of traffic, so the engine crosses a window boundary. */
    private static final int LINES = 4096;
    private static final long START_MS = 1_718_706_000_000L;
    private static final String KEY = "prod/shop/checkout";
    private static final String[] PODS = {"checkout-7d9f8c6b5-x2kqp", "checkout-7d9f8c6b5-m4tzv",
            "checkout-7d9f8c6b5-q8wln", "checkout-7d9f8c6b5-b7rcd", "checkout-7d9f8c6b5-h2jsk"};

    private final AlertEngine engine = new AlertEngine(Settings.defaults(), new Classifier(ClassifierSettings.DEFAULTS),
            Clock.systemUTC());
    private Observation[] lines;
    private WindowAggregate window;
    private UpstreamState state;
    private int next;

    @Setup
    public void setUp() {
        lines = new Observation[LINES];
        for (int i = 0; i < LINES; i++) {
            lines[i] = observation(i);
        }
    }

    @Setup(Level.Iteration)
    public void newWindow() {
        window = new WindowAggregate(START_MS, START_MS + 60_000);
        state = new UpstreamState(KEY, "prod", "shop", "checkout");
        next = 0;
    }

    static Observation observation(int i) {
        boolean inbound = i % 2 == 0;
        int pod = (i / 2) % PODS.length;
        int kind = i % 97 < 3 ? i % 97 : -1; // three reset lines in every 97
        List<String> flags = switch (kind) {
            case 0 -> List.of("UC");
            case 1 -> List.of("URX", "UF");
            case 2 -> List.of("UR");
            default -> List.of();
        };
        String reason = switch (kind) {
            case 0 -> "connection_termination";
            case 1 -> "remote_connection_failure";
            case 2 -> "remote_reset";
            default -> null;
        };
        String transport = kind == 1 ? "delayed_connect_error:_111" : null;
        int code = kind < 0 ? 200 : kind == 2 ? 200 : 503;
        String requestId = kind < 0 ? null : String.format("%08x-1a4e-9827-b994-1a3317bcc0b1", i * 7919);
        return new Observation(KEY, "prod", "shop", "checkout", "outbound|8080||checkout.shop.svc.cluster.local",
                inbound, START_MS + i * 15L, flags, kind >= 0, reason, transport, code, 3 + (i * 37L) % 900, "shop",
                PODS[pod], "uid-" + pod, "node-" + pod % 3, "10.34.1." + (10 + pod), requestId);
    }

    @Benchmark
    public boolean windowAdd() {
        Observation o = lines[next];
        next = (next + 1) & (LINES - 1);
        return window.add(o, WindowLimits.DEFAULTS);
    }

    @Benchmark
    public Object alertEngineOnObservation() {
        Observation o = lines[next];
        next = (next + 1) & (LINES - 1);
        if (next == 0) {
            // the minute of traffic is over: start a fresh upstream rather than replaying times it has passed
            state = new UpstreamState(KEY, "prod", "shop", "checkout");
        }
        AlertEngine.Step step = engine.onObservation(state, o, o.timeMs(), FactLookup.NONE);
        if ((next & 63) == 0) {
            return engine.advance(state, o.timeMs(), FactLookup.NONE);
        }
        return step;
    }

    public static void main(String[] args) throws Exception {
        org.openjdk.jmh.Main.main(args.length > 0 ? args
                : new String[] {WindowAggregationBenchmark.class.getSimpleName()});
    }
}

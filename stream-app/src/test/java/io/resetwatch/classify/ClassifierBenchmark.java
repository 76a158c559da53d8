package io.resetwatch.classify;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * Throughput of {@link Classifier#classify} on the canonical window of four causes, as the cause tests build
 * them ({@link Scenarios}): lifecycle facts, several pods, duration statistics. It lives next to those scenarios
 * (they are package-private test fixtures) rather than in {@code io.resetwatch.bench}; the one command in the
 * README runs it with the others.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ClassifierBenchmark {

    @Param({"OOM_KILLED", "UNGRACEFUL_SHUTDOWN", "KEEPALIVE_RACE", "NETWORK"})
    public String cause;

    private final Classifier classifier = new Classifier(ClassifierSettings.DEFAULTS);
    private WindowEvidence window;

    @Setup
    public void setUp() {
        Cause expected = Cause.valueOf(cause);
        window = switch (expected) {
            case OOM_KILLED -> Scenarios.oomOn(1, 5).build();
            case UNGRACEFUL_SHUTDOWN -> Scenarios.rolloutExiting143().build();
            case KEEPALIVE_RACE -> Scenarios.keepaliveRace().build();
            case NETWORK -> Scenarios.nodeGoesNotReady().build();
            default -> throw new IllegalArgumentException("no benchmark window for " + cause);
        };
        Cause top = classifier.classify(window).top().cause();
        if (top != expected) {
            throw new IllegalStateException("benchmark window for " + cause + " classifies as " + top);
        }
    }

    @Benchmark
    public Classification classify() {
        return classifier.classify(window);
    }
}

package io.resetwatch.bench;

import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

import java.lang.management.ManagementFactory;
import java.util.Collection;
import java.util.List;

/**
 * Normalizes a throughput score to the CPU the benchmark JVM actually got, for machines shared with other
 * work where a wall-clock second is not a CPU second. Per iteration it reads the forked JVM's process CPU time
 * (all its threads: the benchmark thread, GC and JIT) and reports
 * <ul>
 *   <li>{@code ·cpu.share}: CPU-seconds the JVM used per wall-clock second (1.0 = one core all the time);</li>
 *   <li>{@code ·cpu.ops}: the primary score divided by that share, i.e. operations per CPU-second.</li>
 * </ul>
 * Use with {@code -prof io.resetwatch.bench.CpuTimeProfiler} on single-threaded throughput benchmarks.
 */
public final class CpuTimeProfiler implements InternalProfiler {

    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private long cpuStart;
    private long wallStart;

    @Override
    public String getDescription() {
        return "throughput per CPU-second of the benchmark JVM (process CPU time / wall time per iteration)";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        wallStart = System.nanoTime();
        cpuStart = os.getProcessCpuTime();
    }

    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams,
                                                       IterationResult result) {
        long cpu = os.getProcessCpuTime() - cpuStart;
        long wall = System.nanoTime() - wallStart;
        if (cpu <= 0 || wall <= 0) {
            return List.of();
        }
        double share = (double) cpu / wall;
        double score = result.getPrimaryResult().getScore();
        return List.of(
                new ScalarResult("cpu.share", share, "cpu/wall", AggregationPolicy.AVG),
                new ScalarResult("cpu.ops", score / share, result.getScoreUnit() + " per cpu", AggregationPolicy.AVG));
    }
}

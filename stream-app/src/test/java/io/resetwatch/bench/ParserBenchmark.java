package io.resetwatch.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.resetwatch.parse.AccessLogParser;
import io.resetwatch.parse.ParseOutcome;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * Throughput of {@link AccessLogParser#parse} (the exact call the topology makes, producing the full normalized
 * record) on Istio typed JSON lines, Istio TEXT 1.9 lines and Fluent Bit envelopes around a TEXT line, next to
 * Jackson's {@code readTree} over the same bytes as the baseline. The TEXT lines log the same 64 requests as the
 * JSON lines, so {@code jacksonReadTreeIstioTypedJson} is their baseline too (TEXT vs the request written as
 * JSON). Scores are operations (lines) per second; each invocation parses one line, cycling through 64 distinct
 * lines so caches see realistic variety. Compare within one run: the ratio survives a busy machine better than
 * the absolute score, and {@code -prof io.resetwatch.bench.CpuTimeProfiler} adds the score per CPU-second.
 *
 * <p>Run (with the other benchmarks): see the README ("Building and testing"); this class only:
 * {@code java -cp "stream-app/target/test-classes:stream-app/target/classes:$(cat
 * stream-app/target/test-classpath.txt)" org.openjdk.jmh.Main ParserBenchmark} (or run this class's {@code main}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ParserBenchmark {

    private static final int LINES = 64;
    private static final long RECORD_TS = 1_718_706_102_617L;

    private final AccessLogParser parser = new AccessLogParser(AccessLogParser.DEFAULT_MAX_RECORD_BYTES);
    private final ObjectMapper mapper = new ObjectMapper();
    private byte[][] typedJson;
    private byte[][] text19;
    private byte[][] fluentBit;
    private int next;

    @Setup
    public void setUp() {
        typedJson = new byte[LINES][];
        text19 = new byte[LINES][];
        fluentBit = new byte[LINES][];
        String[] flags = {"-", "UC", "URX,UF", "UR", "-", "-", "DC", "UF"};
        String[] details = {"via_upstream", "upstream_reset_before_response_started{connection_termination}",
                "upstream_reset_before_response_started{remote_connection_failure|delayed_connect_error:_111}",
                "upstream_reset_after_response_started{remote_reset}", "via_upstream", "via_upstream",
                "downstream_remote_disconnect", "upstream_reset_before_response_started{connection_timeout}"};
        for (int i = 0; i < LINES; i++) {
            int k = i % flags.length;
            String requestId = String.format("%08x-1a4e-9827-b994-1a3317bc%04x", i * 7919, i);
            String ip = "10.34." + (i % 7) + "." + (10 + i);
            String start = String.format("2024-06-18T10:19:%02d.%03dZ", i % 60, (i * 37) % 1000);
            String cluster = "outbound|8080||svc-" + (i % 5) + ".ns-" + (i % 3) + ".svc.cluster.local";
            typedJson[i] = bytes("{\"start_time\":\"" + start + "\",\"route_name\":\"default\",\"method\":\"POST\","
                    + "\"path\":\"/v1/items/" + i + "?page=2\",\"protocol\":\"HTTP/1.1\",\"response_code\":503,"
                    + "\"response_flags\":\"" + flags[k] + "\",\"response_code_details\":\"" + details[k] + "\","
                    + "\"connection_termination_details\":null,\"bytes_received\":138,\"bytes_sent\":95,"
                    + "\"duration\":" + (i * 13) + ",\"upstream_service_time\":null,\"x_forwarded_for\":null,"
                    + "\"user_agent\":\"curl/8.14.1\",\"request_id\":\"" + requestId + "\","
                    + "\"authority\":\"svc-" + (i % 5) + ":8080\",\"upstream_host\":\"" + ip + ":8080\","
                    + "\"upstream_cluster\":\"" + cluster + "\",\"upstream_local_address\":\"10.34.9.9:" + (40000 + i)
                    + "\",\"downstream_local_address\":\"10.96.0." + (i % 5) + ":8080\","
                    + "\"downstream_remote_address\":\"10.34.9.9:" + (50000 + i) + "\",\"requested_server_name\":null,"
                    + "\"upstream_transport_failure_reason\":null}");
            String line = "[" + start + "] \"POST /v1/items/" + i + "?page=2 HTTP/1.1\" 503 " + flags[k] + " "
                    + details[k] + " - \"-\" 138 95 " + (i * 13) + " - \"-\" \"curl/8.14.1\" \"" + requestId + "\" "
                    + "\"svc-" + (i % 5) + ":8080\" \"" + ip + ":8080\" " + cluster + " 10.34.9.9:" + (40000 + i)
                    + " 10.96.0." + (i % 5) + ":8080 10.34.9.9:" + (50000 + i) + " - default";
            text19[i] = bytes(line);
            fluentBit[i] = bytes("{\"@timestamp\":1718706102.617289,\"log\":\"" + line.replace("\"", "\\\"")
                    + "\",\"stream\":\"stdout\",\"kubernetes\":{\"pod_name\":\"svc-" + (i % 5) + "-6c9f7d8b5-7xq2m\","
                    + "\"namespace_name\":\"ns-" + (i % 3) + "\",\"pod_id\":\"2f0c6a4e-8d1b-4c7e-9a35-61b0d2e4f8a7\","
                    + "\"labels\":{\"app\":\"svc-" + (i % 5) + "\",\"pod-template-hash\":\"6c9f7d8b5\","
                    + "\"security.istio.io/tlsMode\":\"istio\"},\"annotations\":{\"sidecar.istio.io/status\":"
                    + "\"{\\\"initContainers\\\":[\\\"istio-init\\\"],\\\"containers\\\":[\\\"istio-proxy\\\"]}\"},"
                    + "\"host\":\"node-" + (i % 4) + "\",\"pod_ip\":\"" + ip + "\",\"container_name\":\"istio-proxy\","
                    + "\"docker_id\":\"9b1e4f0c2d7a5e3b8c6f1a0d4e7b2c9f\","
                    + "\"container_image\":\"docker.io/istio/proxyv2:1.21.3\"}}");
        }
        for (byte[][] set : new byte[][][] {typedJson, text19, fluentBit}) {
            for (byte[] value : set) {
                if (!(parser.parse(value, RECORD_TS) instanceof ParseOutcome.Parsed)) {
                    throw new IllegalStateException("benchmark line does not parse");
                }
            }
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private byte[] pick(byte[][] set) {
        next = (next + 1) & (LINES - 1);
        return set[next];
    }

    @Benchmark
    public ParseOutcome parseIstioTypedJson() {
        return parser.parse(pick(typedJson), RECORD_TS);
    }

    @Benchmark
    public ParseOutcome parseIstioText19() {
        return parser.parse(pick(text19), RECORD_TS);
    }

    @Benchmark
    public ParseOutcome parseFluentBitEnvelope() {
        return parser.parse(pick(fluentBit), RECORD_TS);
    }

    @Benchmark
    public Object jacksonReadTreeIstioTypedJson() throws IOException {
        return mapper.readTree(pick(typedJson));
    }

    @Benchmark
    public Object jacksonReadTreeFluentBitEnvelope() throws IOException {
        return mapper.readTree(pick(fluentBit));
    }

    public static void main(String[] args) throws Exception {
        String[] jmhArgs = args.length > 0 ? args : new String[] {ParserBenchmark.class.getSimpleName()};
        org.openjdk.jmh.Main.main(jmhArgs);
    }
}

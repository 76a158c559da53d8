package io.resetwatch.parse;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static io.resetwatch.parse.Outcomes.skipped;
import static io.resetwatch.parse.Outcomes.utf8;
import static org.assertj.core.api.Assertions.assertThat;

/** Well-formed values that are not access logs are skipped with a reason, never dead-lettered (CONTRACTS §3). */
class SkippedRecordsTest {

    private static final long RECORD_TS = Instant.parse("2030-01-01T00:00:00Z").toEpochMilli();

    private final AccessLogParser parser = new AccessLogParser(AccessLogParser.DEFAULT_MAX_RECORD_BYTES);

    @Test
    void shouldSkipEnvoysOwnBracketedLogLine() {
        String line = "[2024-06-18 10:19:42.614][15][info][main] [source/server/server.cc:932] starting main dispatch loop";

        ParseOutcome.Skipped s = skipped(parser.parse(utf8(line), RECORD_TS));

        assertThat(s.reason()).isEqualTo("envoy_application_log");
    }

    @Test
    void shouldSkipTheIstioProxysTimestampedWarningLine() {
        String line = "2024-06-18T10:19:42.614021Z\twarning\tenvoy config external/envoy/source/common/config/grpc_stream.h:155"
                + "\tStreamAggregatedResources gRPC config stream closed";

        assertThat(skipped(parser.parse(utf8(line), RECORD_TS)).reason()).isEqualTo("envoy_application_log");
    }

    @Test
    void shouldSkipAnEnvoyLogLineInsideAnIstioProxyEnvelope() {
        String value = "{\"log\":\"[2024-06-18 10:19:42.614][15][warning][config] gRPC stream closed\",\"stream\":\"stderr\","
                + "\"kubernetes\":{\"pod_name\":\"a\",\"namespace_name\":\"b\",\"container_name\":\"istio-proxy\"}}";

        ParseOutcome.Skipped s = skipped(parser.parse(utf8(value), RECORD_TS));

        assertThat(s.reason()).isEqualTo("envoy_application_log");
        assertThat(s.format()).isEqualTo("fluent-bit");
    }

    @Test
    void shouldSkipAnotherContainersLineWhateverItSays() {
        String value = "{\"log\":\"GET /healthz 200\",\"kubernetes\":{\"pod_name\":\"a\",\"namespace_name\":\"b\","
                + "\"container_name\":\"app\"}}";
        String vector = "{\"message\":\"started\",\"kubernetes\":{\"container_name\":\"app\",\"pod_namespace\":\"b\"},"
                + "\"source_type\":\"kubernetes_logs\"}";

        assertThat(parser.parse(utf8(value), RECORD_TS))
                .isEqualTo(new ParseOutcome.Skipped("not_istio_proxy_container", "fluent-bit"));
        assertThat(parser.parse(utf8(vector), RECORD_TS))
                .isEqualTo(new ParseOutcome.Skipped("not_istio_proxy_container", "vector"));
    }

    @Test
    void shouldSkipEmptyValues() {
        assertThat(skipped(parser.parse(null, RECORD_TS)).reason()).isEqualTo("empty");
        assertThat(skipped(parser.parse(new byte[0], RECORD_TS)).reason()).isEqualTo("empty");
        assertThat(skipped(parser.parse(utf8(" \r\n"), RECORD_TS)).reason()).isEqualTo("empty");
    }
}

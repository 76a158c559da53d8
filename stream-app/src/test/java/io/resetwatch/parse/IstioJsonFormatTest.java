package io.resetwatch.parse;

import io.resetwatch.model.AccessLogRecord;
import io.resetwatch.model.Direction;
import io.resetwatch.model.ResponseDetails.Kind;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static io.resetwatch.parse.Outcomes.parsed;
import static io.resetwatch.parse.Outcomes.utf8;
import static org.assertj.core.api.Assertions.assertThat;

/** Istio's JSON encoding: typed values (numbers, null) and string-valued custom formats (DOMAIN §3.3). */
class IstioJsonFormatTest {

    private static final long RECORD_TS = Instant.parse("2030-01-01T00:00:00Z").toEpochMilli();

    /** The constructed typed line of DOMAIN §3.3 (default JSON encoding, Istio ≥ 1.24.2). */
    static final String TYPED = "{\"start_time\":\"2024-06-18T10:19:42.614Z\",\"route_name\":\"default\","
            + "\"method\":\"POST\",\"path\":\"/v1/x\",\"protocol\":\"HTTP/1.1\",\"response_code\":503,"
            + "\"response_flags\":\"UC\",\"response_code_details\":"
            + "\"upstream_reset_before_response_started{connection_termination}\","
            + "\"connection_termination_details\":null,\"bytes_received\":138,\"bytes_sent\":95,\"duration\":120001,"
            + "\"upstream_service_time\":null,\"x_forwarded_for\":null,\"user_agent\":null,"
            + "\"request_id\":\"ed37e325-1a4e-9827-b994-1a3317bcc0b1\",\"authority\":\"internal-api:8080\","
            + "\"upstream_host\":\"10.34.127.167:8080\",\"upstream_cluster\":\"inbound|8080||\","
            + "\"upstream_local_address\":\"127.0.0.6:58719\",\"downstream_local_address\":\"10.34.127.167:8080\","
            + "\"downstream_remote_address\":\"10.34.126.119:57080\","
            + "\"requested_server_name\":\"outbound_.8080_._.internal-api.default.svc.cluster.local\","
            + "\"upstream_transport_failure_reason\":null}";

    private final AccessLogParser parser = new AccessLogParser(AccessLogParser.DEFAULT_MAX_RECORD_BYTES);

    @Test
    void shouldReadTypedJsonWithNumbersAndNulls() {
        AccessLogRecord r = parsed(parser.parse(utf8(TYPED), RECORD_TS));

        assertThat(r.format()).isEqualTo("istio-json");
        assertThat(r.envelope()).isEqualTo("none");
        assertThat(r.responseCode()).isEqualTo(503);
        assertThat(r.responseFlags()).containsExactly("UC");
        assertThat(r.responseCodeDetails().kind()).isEqualTo(Kind.BEFORE_RESPONSE_STARTED);
        assertThat(r.bytesReceived()).isEqualTo(138L);
        assertThat(r.durationMs()).isEqualTo(120001L);
        assertThat(r.upstreamServiceTimeMs()).isNull();
        assertThat(r.connectionTerminationDetails()).isNull();
        assertThat(r.upstreamTransportFailureReason()).isNull();
        assertThat(r.endTime()).isEqualTo(Instant.parse("2024-06-18T10:21:42.615Z"));
        assertThat(r.upstreamCluster().direction()).isEqualTo(Direction.INBOUND);
        assertThat(r.routeName()).isEqualTo("default");
    }

    @Test
    void shouldReadStringValuedJsonWithDashAsUnset() {
        String line = "{\"start_time\":\"2026-01-01T11:58:47.167Z\",\"method\":\"GET\",\"path\":\"/a\","
                + "\"protocol\":\"HTTP/1.1\",\"response_code\":\"503\",\"response_flags\":\"-\","
                + "\"response_code_details\":\"via_upstream\",\"bytes_received\":\"0\",\"bytes_sent\":\"95\","
                + "\"duration\":\"1077\",\"upstream_service_time\":\"-\",\"upstream_host\":\"-\","
                + "\"upstream_cluster\":\"-\",\"route_name\":\"-\"}";

        AccessLogRecord r = parsed(parser.parse(utf8(line), RECORD_TS));

        assertThat(r.format()).isEqualTo("istio-json-strings");
        assertThat(r.responseCode()).isEqualTo(503);
        assertThat(r.responseFlags()).isEmpty();
        assertThat(r.responseCodeDetails().kind()).isEqualTo(Kind.OTHER);
        assertThat(r.responseCodeDetails().raw()).isEqualTo("via_upstream");
        assertThat(r.bytesReceived()).isZero();
        assertThat(r.upstreamServiceTimeMs()).isNull();
        assertThat(r.upstreamHost()).isNull();
        assertThat(r.upstreamHostIp()).isNull();
        assertThat(r.upstreamCluster().direction()).isEqualTo(Direction.NONE);
        assertThat(r.routeName()).isNull();
    }

    @Test
    void shouldStripTheTrailingSemicolonOfIstio1240Clusters() {
        String line = TYPED.replace("\"inbound|8080||\"", "\"outbound|9080|v1|reviews.shop.svc.cluster.local;\"");

        AccessLogRecord r = parsed(parser.parse(utf8(line), RECORD_TS));

        assertThat(r.upstreamCluster().raw()).isEqualTo("outbound|9080|v1|reviews.shop.svc.cluster.local");
        assertThat(r.upstreamCluster().direction()).isEqualTo(Direction.OUTBOUND);
        assertThat(r.upstreamCluster().port()).isEqualTo(9080);
        assertThat(r.upstreamCluster().subset()).isEqualTo("v1");
        assertThat(r.upstreamCluster().service()).isEqualTo("reviews");
        assertThat(r.upstreamCluster().namespace()).isEqualTo("shop");
    }

    @Test
    void shouldIgnoreUnknownKeysWhateverTheirShape() {
        String line = TYPED.replace("{\"start_time\"", "{\"grpc_status\":\"Unavailable\",\"extra\":{\"a\":[1,{\"b\":null}]},"
                + "\"upstream_request_attempt_count\":3,\"start_time\"");

        AccessLogRecord r = parsed(parser.parse(utf8(line), RECORD_TS));

        assertThat(r.responseFlags()).containsExactly("UC");
        assertThat(r.requestId()).isEqualTo("ed37e325-1a4e-9827-b994-1a3317bcc0b1");
    }

    @Test
    void shouldKeepUnknownFlagsAndDropDuplicatesInLineOrder() {
        String line = TYPED.replace("\"response_flags\":\"UC\"", "\"response_flags\":\"URX,XYZ,UF,URX\"");

        AccessLogRecord r = parsed(parser.parse(utf8(line), RECORD_TS));

        assertThat(r.responseFlags()).containsExactly("URX", "XYZ", "UF");
    }

    @Test
    void shouldDeriveStartFromTheRecordTimestampWhenTheLineHasNoStartTime() {
        String line = TYPED.replace("\"start_time\":\"2024-06-18T10:19:42.614Z\",", "");

        AccessLogRecord r = parsed(parser.parse(utf8(line), RECORD_TS));

        assertThat(r.timeSource()).isEqualTo("record");
        assertThat(r.endTime()).isEqualTo(Instant.ofEpochMilli(RECORD_TS));
        assertThat(r.startTime()).isEqualTo(Instant.ofEpochMilli(RECORD_TS - 120001));
    }

    @Test
    void shouldAcceptStartTimesWithAnOffsetOrNanoseconds() {
        String line = TYPED.replace("2024-06-18T10:19:42.614Z", "2024-06-18T12:19:42.614000001+02:00");

        AccessLogRecord r = parsed(parser.parse(utf8(line), RECORD_TS));

        assertThat(r.startTime()).isEqualTo(Instant.parse("2024-06-18T10:19:42.614000001Z"));
    }
}

package io.resetwatch.parse;

import io.resetwatch.model.AccessLogRecord;
import io.resetwatch.model.Direction;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static io.resetwatch.parse.Outcomes.parsed;
import static io.resetwatch.parse.Outcomes.utf8;
import static org.assertj.core.api.Assertions.assertThat;

/** The TEXT layouts, told apart by what follows the response flags (DOMAIN §3.1, §3.2). */
class IstioTextFormatTest {

    private static final long RECORD_TS = Instant.parse("2030-01-01T00:00:00Z").toEpochMilli();

    static final String TEXT_1_9 = "[2024-06-18T10:19:42.614Z] \"POST /v1/x HTTP/1.1\" 503 UC "
            + "upstream_reset_before_response_started{connection_termination} - \"-\" 138 95 120001 - \"-\" \"-\" "
            + "\"ed37e325-1a4e-9827-b994-1a3317bcc0b1\" \"internal-api:8080\" \"10.34.127.167:8080\" "
            + "outbound|8080||internal-api.default.svc.cluster.local 127.0.0.6:58719 10.34.127.167:8080 "
            + "10.34.126.119:57080 - default";

    /** The constructed 1.8 line of DOMAIN §3.2. */
    private static final String TEXT_1_8 = "[2021-01-10T09:00:00.000Z] \"GET /api HTTP/1.1\" 503 UC \"-\" 0 95 12 - "
            + "\"-\" \"curl/7.58.0\" \"0f1e2d3c-0000-4000-8000-000000000001\" \"api:8080\" \"10.0.3.11:8080\" "
            + "outbound|8080||api.shop.svc.cluster.local 10.0.3.9:41000 10.96.0.20:8080 10.0.3.9:40998 - default";

    private final AccessLogParser parser = new AccessLogParser(AccessLogParser.DEFAULT_MAX_RECORD_BYTES);

    @Test
    void shouldReadThe18LayoutWithOneQuotedFieldAfterTheFlags() {
        AccessLogRecord r = parsed(parser.parse(utf8(TEXT_1_8), RECORD_TS));

        assertThat(r.format()).isEqualTo("istio-text-1.8");
        assertThat(r.responseFlags()).containsExactly("UC");
        assertThat(r.responseCodeDetails().kind()).isEqualTo(io.resetwatch.model.ResponseDetails.Kind.NONE);
        assertThat(r.bytesSent()).isEqualTo(95L);
        assertThat(r.durationMs()).isEqualTo(12L);
        assertThat(r.requestId()).isEqualTo("0f1e2d3c-0000-4000-8000-000000000001");
        assertThat(r.upstreamCluster().service()).isEqualTo("api");
        assertThat(r.upstreamCluster().namespace()).isEqualTo("shop");
        assertThat(r.downstreamRemoteAddress()).isEqualTo("10.0.3.9:40998");
        assertThat(r.routeName()).isEqualTo("default");
    }

    @Test
    void shouldReadUpstreamClusterRawAndTheSemicolonFormAlike() {
        AccessLogRecord raw = parsed(parser.parse(utf8(TEXT_1_9), RECORD_TS));
        AccessLogRecord withAltStatName = parsed(parser.parse(
                utf8(TEXT_1_9.replace("svc.cluster.local ", "svc.cluster.local; ")), RECORD_TS));

        assertThat(raw.format()).isEqualTo("istio-text-1.9");
        assertThat(withAltStatName.upstreamCluster()).isEqualTo(raw.upstreamCluster());
        assertThat(raw.upstreamCluster().raw()).isEqualTo("outbound|8080||internal-api.default.svc.cluster.local");
        assertThat(raw.upstreamCluster().direction()).isEqualTo(Direction.OUTBOUND);
        assertThat(raw.upstreamCluster().service()).isEqualTo("internal-api");
    }

    @Test
    void shouldUseTheRecordTimestampAsEndWhenTheLineHasNoStartTime() {
        String line = TEXT_1_9.substring(TEXT_1_9.indexOf('"'));

        AccessLogRecord r = parsed(parser.parse(utf8(line), RECORD_TS));

        assertThat(r.format()).isEqualTo("istio-text-1.9");
        assertThat(r.timeSource()).isEqualTo("record");
        assertThat(r.endTime()).isEqualTo(Instant.ofEpochMilli(RECORD_TS));
        assertThat(r.startTime()).isEqualTo(Instant.ofEpochMilli(RECORD_TS - 120001));
    }

    @Test
    void shouldReadTcpLinesWithoutARequest() {
        String line = "[2021-03-16T09:30:47.919Z] \"- - -\" 0 UF,URX - - \"-\" 0 0 2285 - \"-\" \"-\" \"-\" \"-\" "
                + "\"127.0.0.1:12950\" inbound|12950|| - 10.244.0.31:12950 10.244.0.1:11504 - -";

        AccessLogRecord r = parsed(parser.parse(utf8(line), RECORD_TS));

        assertThat(r.method()).isNull();
        assertThat(r.path()).isNull();
        assertThat(r.protocol()).isNull();
        assertThat(r.responseCode()).isZero();
        assertThat(r.requestId()).isNull();
        assertThat(r.authority()).isNull();
        assertThat(r.upstreamCluster().port()).isEqualTo(12950);
    }

    @Test
    void shouldReadEnvoysDefaultLayoutWithoutDetailsAsThePre10Shape() {
        String line = "[2024-07-20T07:05:54.173Z] \"GET /x HTTP/1.1\" 503 UF 0 91 0 - \"-\" \"curl/8.4.0\" "
                + "\"6d67d674-2122-4a2d-b172-0be70c674371\" \"localhost:8000\" \"172.27.0.2:8080\"";

        AccessLogRecord r = parsed(parser.parse(utf8(line), RECORD_TS));

        assertThat(r.format()).isEqualTo("istio-text-pre1.0");
        assertThat(r.upstreamHostIp()).isEqualTo("172.27.0.2");
    }

    @Test
    void shouldIgnoreFieldsAppendedAfterTheRouteName() {
        AccessLogRecord r = parsed(parser.parse(utf8(TEXT_1_9 + " extra \"custom field\""), RECORD_TS));

        assertThat(r.routeName()).isEqualTo("default");
    }

    @Test
    void shouldStripTheAmbientConnectOriginatePrefixFromTheUpstreamHost() {
        String line = TEXT_1_9.replace("\"10.34.127.167:8080\" outbound",
                "\"envoy://connect_originate/10.199.174.112:80\" outbound");

        AccessLogRecord r = parsed(parser.parse(utf8(line), RECORD_TS));

        assertThat(r.upstreamHost()).isEqualTo("10.199.174.112:80");
        assertThat(r.upstreamHostIp()).isEqualTo("10.199.174.112");
    }
}

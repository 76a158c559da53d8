package io.resetwatch.parse;

import io.resetwatch.model.AccessLogRecord;
import io.resetwatch.model.Direction;
import io.resetwatch.model.ResponseDetails.Kind;
import io.resetwatch.parse.ParseOutcome.Parsed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Every verbatim corpus line and every constructed envelope parses, with the flags the source shows. */
class CorpusParsingTest {

    private static final long RECORD_TS = Instant.parse("2030-01-01T00:00:00Z").toEpochMilli();
    private final AccessLogParser parser = new AccessLogParser(AccessLogParser.DEFAULT_MAX_RECORD_BYTES);

    static List<Corpus.Line> realLines() {
        return Corpus.realLines();
    }

    static List<Corpus.Envelope> envelopes() {
        return Corpus.envelopes();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("realLines")
    void shouldParseEveryRealLineWithItsFlags(Corpus.Line line) {
        ParseOutcome outcome = parser.parse(line.value(), RECORD_TS);

        assertThat(outcome).isInstanceOf(Parsed.class);
        assertThat(((Parsed) outcome).record().responseFlags()).isEqualTo(line.flags());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("envelopes")
    void shouldParseEveryEnvelope(Corpus.Envelope envelope) {
        ParseOutcome outcome = parser.parse(envelope.value(), RECORD_TS);

        assertThat(outcome).isInstanceOf(Parsed.class);
        assertThat(((Parsed) outcome).record().envelope()).isEqualTo(envelope.agent());
    }

    @Test
    void shouldReadTheInboundUcLineOfIssue51619FieldByField() {
        AccessLogRecord r = parse(Corpus.realLine("istio-51619-uc-inbound").value());

        assertThat(r.format()).isEqualTo("istio-text-1.9");
        assertThat(r.envelope()).isEqualTo("none");
        assertThat(r.startTime()).isEqualTo(Instant.parse("2024-06-18T10:19:42.614Z"));
        assertThat(r.endTime()).isEqualTo(Instant.parse("2024-06-18T10:21:42.615Z"));
        assertThat(r.timeSource()).isEqualTo("line");
        assertThat(r.method()).isEqualTo("POST");
        assertThat(r.path()).isEqualTo("/v1/accounting/api-portal/card/CSP_XXXXXXX/ORE00000/DEC000000/topup");
        assertThat(r.protocol()).isEqualTo("HTTP/1.1");
        assertThat(r.responseCode()).isEqualTo(503);
        assertThat(r.responseFlags()).containsExactly("UC");
        assertThat(r.responseCodeDetails().kind()).isEqualTo(Kind.BEFORE_RESPONSE_STARTED);
        assertThat(r.responseCodeDetails().resetReason()).isEqualTo("connection_termination");
        assertThat(r.responseCodeDetails().transportFailure()).isNull();
        assertThat(r.connectionTerminationDetails()).isNull();
        assertThat(r.upstreamTransportFailureReason()).isNull();
        assertThat(r.bytesReceived()).isEqualTo(138L);
        assertThat(r.bytesSent()).isEqualTo(95L);
        assertThat(r.durationMs()).isEqualTo(120001L);
        assertThat(r.upstreamServiceTimeMs()).isNull();
        assertThat(r.requestId()).isEqualTo("ed37e325-1a4e-9827-b994-1a3317bcc0b1");
        assertThat(r.authority()).isEqualTo("internal-api:8080");
        assertThat(r.upstreamHost()).isEqualTo("10.34.127.167:8080");
        assertThat(r.upstreamHostIp()).isEqualTo("10.34.127.167");
        assertThat(r.upstreamCluster().direction()).isEqualTo(Direction.INBOUND);
        assertThat(r.upstreamCluster().port()).isEqualTo(8080);
        assertThat(r.upstreamCluster().service()).isNull();
        assertThat(r.upstreamLocalAddress()).isEqualTo("127.0.0.6:58719");
        assertThat(r.downstreamLocalAddress()).isEqualTo("10.34.127.167:8080");
        assertThat(r.downstreamRemoteAddress()).isEqualTo("10.34.126.119:57080");
        assertThat(r.requestedServerName()).isEqualTo("outbound_.8080_._.internal-api.default.svc.cluster.local");
        assertThat(r.routeName()).isEqualTo("default");
        assertThat(r.reporter()).isNull();
    }

    @Test
    void shouldReadTheStringValuedJsonLineOfIssue17139() {
        AccessLogRecord r = parse(Corpus.realLine("istio-17139-json-uf").value());

        assertThat(r.format()).isEqualTo("istio-json-strings");
        assertThat(r.startTime()).isEqualTo(Instant.parse("2019-09-17T08:57:20.669Z"));
        assertThat(r.endTime()).isEqualTo(Instant.parse("2019-09-17T08:57:30.675Z"));
        assertThat(r.method()).isNull();
        assertThat(r.path()).isNull();
        assertThat(r.responseCode()).isZero();
        assertThat(r.responseFlags()).containsExactly("UF", "URX");
        assertThat(r.responseCodeDetails()).isEqualTo(io.resetwatch.model.ResponseDetails.NONE);
        assertThat(r.durationMs()).isEqualTo(10006L);
        assertThat(r.upstreamServiceTimeMs()).isNull();
        assertThat(r.requestId()).isNull();
        assertThat(r.upstreamHost()).isEqualTo("REDACTED_IP1:7600");
        assertThat(r.upstreamHostIp()).as("a redacted host is not an IP").isNull();
        assertThat(r.upstreamCluster().direction()).isEqualTo(Direction.OUTBOUND);
        assertThat(r.upstreamCluster().port()).isEqualTo(7600);
        assertThat(r.upstreamCluster().subset()).isNull();
        assertThat(r.upstreamCluster().service()).isEqualTo("keycloak-headless");
        assertThat(r.upstreamCluster().namespace()).isEqualTo("our_ns");
        assertThat(r.upstreamLocalAddress()).isNull();
    }

    @Test
    void shouldSplitNewEnvoyDetailsOnThePipeSeparator() {
        AccessLogRecord r = parse(Corpus.realLine("ssup2-text23-1").value());

        assertThat(r.format()).isEqualTo("istio-json-strings");
        assertThat(r.responseFlags()).containsExactly("URX", "UF");
        assertThat(r.responseCodeDetails().kind()).isEqualTo(Kind.BEFORE_RESPONSE_STARTED);
        assertThat(r.responseCodeDetails().resetReason()).isEqualTo("remote_connection_failure");
        assertThat(r.responseCodeDetails().transportFailure()).isEqualTo("delayed_connect_error:_Connection_refused");
        assertThat(r.upstreamTransportFailureReason()).isEqualTo("delayed_connect_error:_Connection_refused");
        assertThat(r.upstreamCluster().service()).isEqualTo("mock-server");
        assertThat(r.upstreamCluster().namespace()).isEqualTo("default");
        assertThat(r.upstreamHostIp()).isEqualTo("10.244.2.4");
    }

    @Test
    void shouldSplitOldEnvoyDetailsOnTheCommaSeparator() {
        AccessLogRecord r = parse(Corpus.realLine("istio-51267-inbound-uf").value());

        assertThat(r.responseCodeDetails().resetReason()).isEqualTo("remote_connection_failure");
        assertThat(r.responseCodeDetails().transportFailure()).isEqualTo("delayed_connect_error:_111");
        assertThat(r.upstreamTransportFailureReason()).isEqualTo("delayed_connect_error:_111");
        assertThat(r.upstreamLocalAddress()).isNull();
        assertThat(r.upstreamCluster().direction()).isEqualTo(Direction.INBOUND);
    }

    @Test
    void shouldReadTheLegacy17LayoutWithItsMixerStatusField() {
        AccessLogRecord r = parse(Corpus.realLine("istio-32709-uf-legacy").value());

        assertThat(r.format()).isEqualTo("istio-text-legacy-1.7");
        assertThat(r.method()).isEqualTo("OPTIONS");
        assertThat(r.responseCode()).isEqualTo(503);
        assertThat(r.responseFlags()).containsExactly("UF");
        assertThat(r.responseCodeDetails()).isEqualTo(io.resetwatch.model.ResponseDetails.NONE);
        assertThat(r.bytesSent()).isEqualTo(91L);
        assertThat(r.requestId()).isEqualTo("01c400af-17d7-4e73-a4a9-2c56174655e5");
        assertThat(r.authority()).isEqualTo("10.0.3.11:2282");
        assertThat(r.upstreamHost()).isEqualTo("10.0.3.11:2282");
        assertThat(r.upstreamCluster().direction()).isEqualTo(Direction.INBOUND_PASSTHROUGH);
        assertThat(r.upstreamCluster().raw()).isEqualTo("InboundPassthroughClusterIpv4");
        assertThat(r.downstreamRemoteAddress()).isEqualTo("10.0.3.9:34508");
        assertThat(r.routeName()).isEqualTo("default");
    }

    @Test
    void shouldReadThePre10LayoutWithoutDetailsOrCluster() {
        AccessLogRecord r = parse(Corpus.realLine("istio-old-366-uf").value());

        assertThat(r.format()).isEqualTo("istio-text-pre1.0");
        assertThat(r.responseFlags()).containsExactly("UF");
        assertThat(r.bytesReceived()).isZero();
        assertThat(r.bytesSent()).isEqualTo(57L);
        assertThat(r.durationMs()).isEqualTo(1001L);
        assertThat(r.authority()).isEqualTo("ing.xxxx.xxx.xxxx.com");
        assertThat(r.upstreamHost()).isEqualTo("10.233.125.40:3000");
        assertThat(r.upstreamCluster().direction()).isEqualTo(Direction.NONE);
        assertThat(r.endTime()).isEqualTo(Instant.parse("2018-05-30T06:24:53.742Z"));
    }

    @Test
    void shouldReadStandaloneEnvoyTextBehindTheDockerComposePrefix() {
        AccessLogRecord r = parse(Corpus.realLine("renuka-uo").value());

        assertThat(r.format()).isEqualTo("envoy-text");
        assertThat(r.timeSource()).as("the line's own START_TIME wins over the prefix").isEqualTo("line");
        assertThat(r.startTime()).isEqualTo(Instant.parse("2024-07-20T07:32:21.519Z"));
        assertThat(r.path()).isEqualTo("/upstream-service-overflow");
        assertThat(r.responseFlags()).containsExactly("UO");
        assertThat(r.responseCodeDetails().resetReason()).isEqualTo("overflow");
        assertThat(r.bytesSent()).isEqualTo(81L);
        assertThat(r.upstreamServiceTimeMs()).isNull();
        assertThat(r.authority()).isEqualTo("localhost:8000");
        assertThat(r.upstreamHostIp()).isEqualTo("172.31.0.3");
        assertThat(r.upstreamCluster().direction()).isEqualTo(Direction.NONE);
    }

    @Test
    void shouldReadTheAmbientLineBehindATableMarkerWithEscapedPipes() {
        AccessLogRecord r = parse(Corpus.realLine("ztunnel-1662-uc-ambient").value());

        assertThat(r.upstreamHost()).isEqualTo("10.199.174.112:80");
        assertThat(r.upstreamCluster().direction()).isEqualTo(Direction.OUTBOUND);
        assertThat(r.upstreamCluster().service()).isEqualTo("http-echo");
        assertThat(r.upstreamCluster().namespace()).isEqualTo("http-echo-istio");
        assertThat(r.routeName()).isNull();
    }

    @Test
    void shouldTakeTheReporterPodFromTheFluentBitEnvelope() {
        AccessLogRecord r = parse(Corpus.envelope("fluent-bit-cri-text").value());

        assertThat(r.envelope()).isEqualTo("fluent-bit");
        assertThat(r.format()).isEqualTo("istio-text-1.9");
        assertThat(r.reporter().namespace()).isEqualTo("default");
        assertThat(r.reporter().name()).isEqualTo("internal-api-6c9f7d8b5-7xq2m");
        assertThat(r.reporter().uid()).isEqualTo("2f0c6a4e-8d1b-4c7e-9a35-61b0d2e4f8a7");
        assertThat(r.reporter().node()).isEqualTo("ip-10-34-120-15.eu-west-1.compute.internal");
        assertThat(r.reporter().ip()).isEqualTo("10.34.127.167");
        assertThat(r.reporter().container()).isEqualTo("istio-proxy");
        assertThat(r.reporter().labels()).isEqualTo(Map.of("app", "internal-api", "pod-template-hash", "6c9f7d8b5",
                "service.istio.io/canonical-name", "internal-api", "service.istio.io/canonical-revision", "latest"));
        assertThat(r.timeSource()).isEqualTo("line");
    }

    @Test
    void shouldParseAJsonLineLeftAsAStringInVectorsMessage() {
        AccessLogRecord r = parse(Corpus.envelope("vector-json-string").value());

        assertThat(r.envelope()).isEqualTo("vector");
        assertThat(r.format()).isEqualTo("istio-json-strings");
        assertThat(r.responseFlags()).containsExactly("UR");
        assertThat(r.responseCodeDetails().kind()).isEqualTo(Kind.AFTER_RESPONSE_STARTED);
        assertThat(r.responseCodeDetails().resetReason()).isEqualTo("remote_reset");
        assertThat(r.reporter().name()).isEqualTo("shell");
        assertThat(r.reporter().namespace()).isEqualTo("default");
        assertThat(r.reporter().node()).isEqualTo("kind-worker");
        assertThat(r.reporter().uid()).isEqualTo("f3c7a1e5-9d2b-4f6a-8e0c-4b8d2f6a0e1c");
        assertThat(r.reporter().labels()).containsEntry("app", "shell").doesNotContainKey("security.istio.io/tlsMode");
    }

    private AccessLogRecord parse(byte[] value) {
        ParseOutcome outcome = parser.parse(value, RECORD_TS);
        assertThat(outcome).isInstanceOf(Parsed.class);
        return ((Parsed) outcome).record();
    }
}

package io.resetwatch.parse;

import io.resetwatch.model.AccessLogRecord;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static io.resetwatch.parse.Outcomes.parsed;
import static io.resetwatch.parse.Outcomes.rejected;
import static io.resetwatch.parse.Outcomes.utf8;
import static org.assertj.core.api.Assertions.assertThat;

/** Agent envelopes and line prefixes (DOMAIN §6), and where the time comes from when the line has none. */
class EnvelopeAndPrefixTest {

    private static final long RECORD_TS = Instant.parse("2030-01-01T00:00:00Z").toEpochMilli();
    private static final String LINE = IstioTextFormatTest.TEXT_1_9;
    private static final String LINE_WITHOUT_START = LINE.substring(LINE.indexOf('"'));
    private static final String KUBERNETES = "\"kubernetes\":{\"pod_name\":\"internal-api-7d9f-abcde\","
            + "\"namespace_name\":\"default\",\"pod_id\":\"3f0c\",\"labels\":{\"app\":\"internal-api\","
            + "\"team\":\"payments\"},\"annotations\":{\"sidecar.istio.io/status\":\"{}\"},\"host\":\"node-1\","
            + "\"pod_ip\":\"10.34.127.167\",\"container_name\":\"istio-proxy\"}";

    private final AccessLogParser parser = new AccessLogParser(AccessLogParser.DEFAULT_MAX_RECORD_BYTES);

    @Test
    void shouldTakeTheCriPrefixTimeAsTheEndOfALineWithoutStartTime() {
        String value = "2024-06-18T10:21:42.700123456Z stdout F " + LINE_WITHOUT_START;

        AccessLogRecord r = parsed(parser.parse(utf8(value), RECORD_TS));

        assertThat(r.format()).isEqualTo("istio-text-1.9");
        assertThat(r.timeSource()).isEqualTo("envelope");
        assertThat(r.endTime()).isEqualTo(Instant.parse("2024-06-18T10:21:42.700123456Z"));
        assertThat(r.startTime()).isEqualTo(Instant.parse("2024-06-18T10:19:42.699123456Z"));
    }

    @Test
    void shouldKeepTheLinesOwnStartTimeBehindACriPrefix() {
        AccessLogRecord r = parsed(parser.parse(utf8("2024-06-18T10:21:42.7Z stderr P " + LINE), RECORD_TS));

        assertThat(r.timeSource()).isEqualTo("line");
        assertThat(r.startTime()).isEqualTo(Instant.parse("2024-06-18T10:19:42.614Z"));
    }

    @Test
    void shouldReadALineBehindTheDockerComposePrefix() {
        String value = "istio-proxy-1   | 2024-06-18T10:21:42.615Z " + LINE_WITHOUT_START;

        AccessLogRecord r = parsed(parser.parse(utf8(value), RECORD_TS));

        assertThat(r.timeSource()).isEqualTo("envelope");
        assertThat(r.endTime()).isEqualTo(Instant.parse("2024-06-18T10:21:42.615Z"));
        assertThat(r.requestId()).isEqualTo("ed37e325-1a4e-9827-b994-1a3317bcc0b1");
    }

    @Test
    void shouldReadALineBehindAPastedCommentMarker() {
        assertThat(parsed(parser.parse(utf8("# " + LINE), RECORD_TS)).responseFlags()).containsExactly("UC");
        assertThat(parsed(parser.parse(utf8(">   | " + LINE + " |  "), RECORD_TS)).routeName()).isEqualTo("default");
    }

    @Test
    void shouldTakeTheReporterAndTheDoubleTimestampFromAFluentBitEnvelope() {
        String value = "{\"@timestamp\":1718706102.617289,\"log\":\"" + LINE_WITHOUT_START.replace("\"", "\\\"")
                + "\",\"stream\":\"stdout\"," + KUBERNETES + "}";

        AccessLogRecord r = parsed(parser.parse(utf8(value), RECORD_TS));

        assertThat(r.envelope()).isEqualTo("fluent-bit");
        assertThat(r.timeSource()).isEqualTo("envelope");
        assertThat(r.endTime()).isEqualTo(Instant.parse("2024-06-18T10:21:42.617289Z"));
        assertThat(r.reporter().name()).isEqualTo("internal-api-7d9f-abcde");
        assertThat(r.reporter().labels()).containsOnlyKeys("app");
    }

    @Test
    void shouldPreferTheDockerTimeOverTheKafkaOutputTimestamp() {
        String value = "{\"@timestamp\":1718706102.617289,\"log\":\"" + LINE_WITHOUT_START.replace("\"", "\\\"")
                + "\\n\",\"time\":\"2024-06-18T10:21:42.615500Z\"," + KUBERNETES + "}";

        AccessLogRecord r = parsed(parser.parse(utf8(value), RECORD_TS));

        assertThat(r.endTime()).isEqualTo(Instant.parse("2024-06-18T10:21:42.6155Z"));
    }

    @Test
    void shouldReadEnvoyKeysMergedAtTheTopLevelByMergeLog() {
        String merged = IstioJsonFormatTest.TYPED.substring(1, IstioJsonFormatTest.TYPED.length() - 1);
        String value = "{\"@timestamp\":1718705982.614,\"log\":\"{\\\"response_code\\\":503}\\n\",\"stream\":\"stdout\","
                + merged + "," + KUBERNETES + "}";

        AccessLogRecord r = parsed(parser.parse(utf8(value), RECORD_TS));

        assertThat(r.envelope()).isEqualTo("fluent-bit");
        assertThat(r.format()).isEqualTo("istio-json");
        assertThat(r.durationMs()).isEqualTo(120001L);
        assertThat(r.timeSource()).isEqualTo("line");
        assertThat(r.reporter().namespace()).isEqualTo("default");
    }

    @Test
    void shouldReadEnvoyKeysNestedUnderTheMergeLogKey() {
        String value = "{\"@timestamp\":1718705982.614,\"log\":\"ignored\",\"envoy\":" + IstioJsonFormatTest.TYPED
                + "," + KUBERNETES + "}";

        AccessLogRecord r = parsed(parser.parse(utf8(value), RECORD_TS));

        assertThat(r.format()).isEqualTo("istio-json");
        assertThat(r.responseFlags()).containsExactly("UC");
        assertThat(r.reporter().node()).isEqualTo("node-1");
    }

    @Test
    void shouldReadAVectorEnvelopeAndItsTimestamp() {
        String value = "{\"file\":\"/var/log/pods/x/istio-proxy/0.log\",\"kubernetes\":{\"container_name\":\"istio-proxy\","
                + "\"pod_name\":\"shell\",\"pod_namespace\":\"default\",\"pod_uid\":\"f3c7\",\"pod_node_name\":\"kind-worker\","
                + "\"pod_ip\":\"10.244.1.8\",\"pod_labels\":{\"app\":\"shell\",\"version\":\"v2\"}},\"message\":\""
                + LINE_WITHOUT_START.replace("\"", "\\\"") + "\",\"source_type\":\"kubernetes_logs\","
                + "\"stream\":\"stdout\",\"timestamp\":\"2024-06-18T10:21:42.615999999Z\"}";

        AccessLogRecord r = parsed(parser.parse(utf8(value), RECORD_TS));

        assertThat(r.envelope()).isEqualTo("vector");
        assertThat(r.timeSource()).isEqualTo("envelope");
        assertThat(r.endTime()).isEqualTo(Instant.parse("2024-06-18T10:21:42.615999999Z"));
        assertThat(r.reporter().name()).isEqualTo("shell");
        assertThat(r.reporter().uid()).isEqualTo("f3c7");
        assertThat(r.reporter().ip()).isEqualTo("10.244.1.8");
        assertThat(r.reporter().labels()).containsEntry("version", "v2");
    }

    @Test
    void shouldRejectAnUnparseableEnvelopeTimeThatTheRecordNeeds() {
        String value = "{\"log\":\"" + LINE_WITHOUT_START.replace("\"", "\\\"") + "\",\"time\":\"yesterday\"}";

        ParseOutcome.Rejected r = rejected(parser.parse(utf8(value), RECORD_TS));

        assertThat(r.reason()).isEqualTo("unparseable envelope time in time");
    }
}

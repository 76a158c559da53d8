package io.resetwatch.parse;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Random;

import static io.resetwatch.parse.Outcomes.rejected;
import static io.resetwatch.parse.Outcomes.utf8;
import static org.assertj.core.api.Assertions.assertThat;

/** Values that cannot be parsed become dead letters with a precise one-line reason that never echoes the input. */
class RejectedRecordsTest {

    private static final long RECORD_TS = Instant.parse("2030-01-01T00:00:00Z").toEpochMilli();
    private static final String TYPED = IstioJsonFormatTest.TYPED;

    private final AccessLogParser parser = new AccessLogParser(AccessLogParser.DEFAULT_MAX_RECORD_BYTES);

    @Test
    void shouldRejectTruncatedJson() {
        ParseOutcome.Rejected r = rejected(parser.parse(utf8(TYPED.substring(0, 120)), RECORD_TS));

        assertThat(r.reason()).startsWith("truncated JSON");
        assertThat(r.format()).isEqualTo("json");
    }

    @Test
    void shouldRejectGarbageBytesWithoutEchoingThem() {
        byte[] garbage = {0x13, 0x37, 'p', 'a', 's', 's', 0x00, (byte) 0x81};

        ParseOutcome.Rejected r = rejected(parser.parse(garbage, RECORD_TS));

        assertThat(r.reason()).isEqualTo("binary content: control byte 0x13 at offset 0");
        assertThat(r.format()).isEqualTo("unknown");
    }

    @Test
    void shouldRejectInvalidUtf8InATextLine() {
        byte[] line = utf8(IstioTextFormatTest.TEXT_1_9);
        line[40] = (byte) 0xC3;
        line[41] = (byte) 0x28;

        assertThat(rejected(parser.parse(line, RECORD_TS)).reason()).isEqualTo("invalid UTF-8 at offset 40");
    }

    @Test
    void shouldRejectInvalidUtf8InJson() {
        byte[] line = utf8(TYPED);
        int at = TYPED.indexOf("/v1/x") + 1;
        line[at] = (byte) 0xFF;

        assertThat(rejected(parser.parse(line, RECORD_TS)).reason()).startsWith("invalid UTF-8 in JSON");
    }

    @Test
    void shouldRejectDeepNestingWithoutExhaustingTheStack() {
        String deep = "{\"a\":".repeat(100_000) + "1" + "}".repeat(100_000);

        ParseOutcome.Rejected r = rejected(parser.parse(utf8(deep), RECORD_TS));

        assertThat(r.reason()).isEqualTo("JSON nesting deeper than 64 levels");
    }

    @Test
    void shouldRejectAnOversizedRecordBeforeReadingIt() {
        AccessLogParser small = new AccessLogParser(100);

        ParseOutcome.Rejected r = rejected(small.parse(new byte[200], RECORD_TS));

        assertThat(r.reason()).isEqualTo("record of 200 bytes exceeds limit 100");
    }

    @Test
    void shouldRejectAResponseCodeThatIsNotANumber() {
        String strings = TYPED.replace("\"response_code\":503", "\"response_code\":\"abc\"");
        String object = TYPED.replace("\"response_code\":503", "\"response_code\":{\"v\":503}");

        ParseOutcome.Rejected s = rejected(parser.parse(utf8(strings), RECORD_TS));
        ParseOutcome.Rejected o = rejected(parser.parse(utf8(object), RECORD_TS));

        assertThat(s.reason()).isEqualTo("response_code is not a number in istio-json-strings layout");
        assertThat(o.reason()).isEqualTo("response_code is an object, expected a number");
        assertThat(o.format()).isEqualTo("istio-json");
    }

    @Test
    void shouldRejectAnUnparseableStartTime() {
        String json = TYPED.replace("2024-06-18T10:19:42.614Z", "2024-13-45T99:00:00Z");
        String text = IstioTextFormatTest.TEXT_1_9.replace("2024-06-18T10:19:42.614Z", "18/Jun/2024:10:19:42");

        assertThat(rejected(parser.parse(utf8(json), RECORD_TS)).reason())
                .isEqualTo("unparseable start_time (expected RFC 3339 UTC)");
        assertThat(rejected(parser.parse(utf8(text), RECORD_TS)).reason())
                .isEqualTo("unparseable start_time (expected RFC 3339 UTC)");
    }

    @Test
    void shouldRejectAWrongTypeInATextLine() {
        String line = IstioTextFormatTest.TEXT_1_9.replace(" 138 95 120001 ", " 138 lots 120001 ");

        ParseOutcome.Rejected r = rejected(parser.parse(utf8(line), RECORD_TS));

        assertThat(r.reason()).isEqualTo("bytes_sent is not a number in istio-text-1.9 layout");
        assertThat(r.format()).isEqualTo("istio-text-1.9");
    }

    @Test
    void shouldRejectATextLineCutBeforeTheUpstreamHost() {
        String line = IstioTextFormatTest.TEXT_1_9.substring(0, IstioTextFormatTest.TEXT_1_9.indexOf("\"internal-api"));

        assertThat(rejected(parser.parse(utf8(line), RECORD_TS)).reason())
                .isEqualTo("istio-text-1.9 line ends before upstream_host (14 fields)");
    }

    @Test
    void shouldRejectJsonWithoutAccessLogFields() {
        ParseOutcome.Rejected r = rejected(parser.parse(utf8("{\"hello\":\"world\"}"), RECORD_TS));

        assertThat(r.reason()).isEqualTo("JSON object has no access-log fields and no log/message line");
    }

    @Test
    void shouldNeverEchoASecretFromTheInputInAReason() {
        String secret = "Bearer-s3cr3t-token";
        String[] inputs = {
                "{\"response_code\":\"" + secret + "\"}",
                "{\"" + secret + "\":" + secret + "}",
                "\"GET /?token=" + secret + " HTTP/1.1\" " + secret,
                "[" + secret + "] \"GET / HTTP/1.1\" 200 - via_upstream - \"-\" 0 0 1 1 \"-\" \"-\" \"-\" \"-\" \"-\"",
                secret};

        for (String input : inputs) {
            ParseOutcome.Rejected r = rejected(parser.parse(utf8(input), RECORD_TS));
            assertThat(r.reason()).doesNotContain("s3cr3t").doesNotContain("\n");
        }
    }

    @Test
    void shouldAnswerEveryRandomInputWithoutAnInternalError() {
        Random random = new Random(42);
        byte[] seed = utf8(TYPED + "\n" + IstioTextFormatTest.TEXT_1_9);
        for (int i = 0; i < 5_000; i++) {
            byte[] value = java.util.Arrays.copyOf(seed, random.nextInt(seed.length));
            for (int m = 0; m < 3; m++) {
                if (value.length > 0) {
                    value[random.nextInt(value.length)] = (byte) random.nextInt(256);
                }
            }
            ParseOutcome outcome = parser.parse(value, RECORD_TS);
            assertThat(outcome).isNotNull();
            if (outcome instanceof ParseOutcome.Rejected r) {
                assertThat(r.reason()).doesNotStartWith("internal parser error");
            }
        }
    }
}

package io.resetwatch.parse;

import io.resetwatch.model.AccessLogRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static io.resetwatch.parse.Outcomes.parsed;
import static io.resetwatch.parse.Outcomes.rejected;
import static io.resetwatch.parse.Outcomes.utf8;
import static org.assertj.core.api.Assertions.assertThat;

/** The JSON grammar as the reader applies it: escapes, UTF-8, skipped values, limits and precise faults. */
class JsonSyntaxTest {

    private static final long RECORD_TS = Instant.parse("2030-01-01T00:00:00Z").toEpochMilli();
    private static final String TYPED = IstioJsonFormatTest.TYPED;

    private final AccessLogParser parser = new AccessLogParser(AccessLogParser.DEFAULT_MAX_RECORD_BYTES);

    private AccessLogRecord parse(String json) {
        return parsed(parser.parse(utf8(json), RECORD_TS));
    }

    private String reasonFor(String json) {
        return rejected(parser.parse(utf8(json), RECORD_TS)).reason();
    }

    private String reasonFor(byte[] json) {
        return rejected(parser.parse(json, RECORD_TS)).reason();
    }

    @Test
    void shouldDecodeEverySimpleEscape() {
        String line = TYPED.replace("\"route_name\":\"default\"",
                "\"route_name\":\"q\\\"b\\\\s\\/f\\bb\\ff\\nn\\rr\\tt\"");

        assertThat(parse(line).routeName()).isEqualTo("q\"b\\s/f\bb\ff\nn\rr\tt");
    }

    @Test
    void shouldDecodeUnicodeEscapesIncludingSurrogatePairs() {
        String line = TYPED.replace("\"route_name\":\"default\"", "\"route_name\":\"caf\\u00e9-\\uD83D\\uDE00-\\u4E2d\"");

        assertThat(parse(line).routeName()).isEqualTo("café-\uD83D\uDE00-中");
    }

    @Test
    void shouldReadRawMultiByteUtf8AsWritten() {
        String line = TYPED.replace("\"route_name\":\"default\"", "\"route_name\":\"ß€中\uD83D\uDE00\"");

        assertThat(parse(line).routeName()).isEqualTo("ß€中\uD83D\uDE00");
    }

    @Test
    void shouldRecognizeAKeyWrittenWithEscapes() {
        String line = TYPED.replace("\"route_name\":", "\"\\u0072oute_name\":");

        assertThat(parse(line).routeName()).isEqualTo("default");
    }

    @Test
    void shouldSkipUnknownValuesOfEveryTypeAndDepth() {
        String nested = "[".repeat(60) + "{\"a\":[true,false,null,-1.5e+3,\"x\\\"]\"]}" + "]".repeat(60);
        String line = TYPED.replace("{\"start_time\"", "{\"deep\":" + nested + ",\"n\":-0.0E-0,\"t\":true,"
                + "\"s\":\"}{][\",\"o\":{},\"e\":[],\"start_time\"");

        assertThat(parse(line).responseCode()).isEqualTo(503);
    }

    @Test
    void shouldCountTheRootObjectTowardsTheNestingLimit() {
        String at64 = "{\"x\":" + "[".repeat(63) + "]".repeat(63) + "," + TYPED.substring(1);
        String at65 = "{\"x\":" + "[".repeat(64) + "]".repeat(64) + "," + TYPED.substring(1);

        assertThat(parse(at64).responseCode()).isEqualTo(503);
        assertThat(reasonFor(at65)).isEqualTo("JSON nesting deeper than 64 levels");
    }

    @Test
    void shouldRejectInvalidUtf8EvenInAValueItSkips() {
        byte[] overlong = withUnknownValue(new byte[] {(byte) 0xC0, (byte) 0xAF});
        byte[] surrogate = withUnknownValue(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80});
        byte[] tooHigh = withUnknownValue(new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80});
        byte[] loneContinuation = withUnknownValue(new byte[] {(byte) 0x80});
        byte[] cutShort = withUnknownValue(new byte[] {(byte) 0xE2, (byte) 0x82});

        for (byte[] value : new byte[][] {overlong, surrogate, tooHigh, loneContinuation, cutShort}) {
            assertThat(reasonFor(value)).isEqualTo("invalid UTF-8 in JSON at offset 6");
        }
    }

    private static byte[] withUnknownValue(byte[] raw) {
        byte[] head = "{\"x\":\"".getBytes(StandardCharsets.US_ASCII);
        byte[] tail = ("\"," + TYPED.substring(1)).getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[head.length + raw.length + tail.length];
        System.arraycopy(head, 0, out, 0, head.length);
        System.arraycopy(raw, 0, out, head.length, raw.length);
        System.arraycopy(tail, 0, out, head.length + raw.length, tail.length);
        return out;
    }

    @Test
    void shouldRejectEachKindOfSyntaxFaultWithItsOffset() {
        assertThat(reasonFor("{\"response_code\":503,}")).isEqualTo("malformed JSON at offset 21: expected a key");
        assertThat(reasonFor("{\"response_code\" 503}")).isEqualTo("malformed JSON at offset 17: expected ':'");
        assertThat(reasonFor("{\"response_code\":503 \"a\":1}"))
                .isEqualTo("malformed JSON at offset 21: expected ',' or '}'");
        assertThat(reasonFor("{\"x\":nul,\"response_code\":503}")).isEqualTo("malformed JSON at offset 5: invalid literal");
        assertThat(reasonFor("{\"x\":01,\"response_code\":503}"))
                .isEqualTo("malformed JSON at offset 6: expected ',' or '}'");
        assertThat(reasonFor("{\"x\":1.,\"response_code\":503}")).isEqualTo("malformed JSON at offset 7: invalid number");
        assertThat(reasonFor("{\"x\":\"a\\q\",\"response_code\":503}"))
                .isEqualTo("malformed JSON at offset 7: invalid escape in a string");
        assertThat(reasonFor("{\"x\":\"\\u12G4\",\"response_code\":503}"))
                .isEqualTo("malformed JSON at offset 6: invalid \\u escape in a string");
        assertThat(reasonFor("{\"x\":\"a\tb\",\"response_code\":503}"))
                .isEqualTo("malformed JSON at offset 7: control character in a string");
        assertThat(reasonFor("{\"x\":'a',\"response_code\":503}")).isEqualTo("malformed JSON at offset 5: expected a value");
    }

    @Test
    void shouldRejectTruncationAndTrailingContent() {
        assertThat(reasonFor("{\"response_code\":503,\"path\":\"/a\\u00")).startsWith("truncated JSON");
        assertThat(reasonFor("{\"response_code\":5")).startsWith("truncated JSON");
        assertThat(reasonFor("{\"response_code\":503,\"x\":[1,{\"y\":tr")).startsWith("truncated JSON");
        assertThat(reasonFor("{\"response_code\":503} {\"response_code\":503}"))
                .isEqualTo("trailing content after the JSON object");
        assertThat(reasonFor("{\"response_code\":503}\u0000")).isEqualTo("trailing content after the JSON object");
    }

    @Test
    void shouldRejectNumbersAnIstioFieldCannotHold() {
        assertThat(reasonFor(TYPED.replace("\"bytes_sent\":95", "\"bytes_sent\":9223372036854775808")))
                .isEqualTo("bytes_sent is out of range");
        assertThat(reasonFor(TYPED.replace("\"bytes_sent\":95", "\"bytes_sent\":9.5e1")))
                .isEqualTo("bytes_sent is not an integer");
        assertThat(reasonFor(TYPED.replace("\"bytes_sent\":95", "\"bytes_sent\":-1"))).isEqualTo("bytes_sent is negative");
        assertThat(reasonFor(TYPED.replace("\"bytes_sent\":95", "\"bytes_sent\":true")))
                .isEqualTo("bytes_sent is a boolean, expected a number");
        assertThat(parse(TYPED.replace("\"bytes_sent\":95", "\"bytes_sent\":9223372036854775807")).bytesSent())
                .isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void shouldKeepANumberWrittenForAStringFieldAsItsText() {
        assertThat(parse(TYPED.replace("\"route_name\":\"default\"", "\"route_name\":1.50e3")).routeName())
                .isEqualTo("1.50e3");
    }

    @Test
    void shouldReadAnEpochTimestampExactlyFromItsDigits() {
        String line = IstioTextFormatTest.TEXT_1_9.substring(IstioTextFormatTest.TEXT_1_9.indexOf('"'));
        String value = "{\"@timestamp\":1718706102.123456789,\"log\":\"" + line.replace("\"", "\\\"") + "\"}";

        assertThat(parse(value).endTime()).isEqualTo(Instant.parse("2024-06-18T10:21:42.123456789Z"));
    }

    @Test
    void shouldNeverEchoInputInASyntaxReason() {
        String secret = "s3cr3t";
        String[] inputs = {"{\"" + secret + "\" " + secret + "}", "{\"a\":\"" + secret + "\\" + secret + "\"}",
                "{\"a\":" + secret + "}", "{\"a\":1}" + secret, "{\"a\":-" + secret + "}"};

        for (String input : inputs) {
            assertThat(reasonFor(input)).doesNotContain(secret).doesNotContain("\n");
        }
    }
}

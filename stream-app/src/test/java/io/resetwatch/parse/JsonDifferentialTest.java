package io.resetwatch.parse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.resetwatch.model.AccessLogRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hand-written JSON reader agrees with Jackson's {@code readTree} on every Istio field of many generated
 * lines: any key order and whitespace, typed and string values, null and {@code -}, escapes of every kind
 * (including {@code \\uXXXX} surrogate pairs and escaped keys), raw multi-byte UTF-8, and unknown keys with
 * values of any shape. The same lines are also read from inside a Fluent Bit envelope's {@code log} string.
 */
class JsonDifferentialTest {

    private static final long RECORD_TS = Instant.parse("2030-01-01T00:00:00Z").toEpochMilli();
    private static final int LINES = 2_000;

    private static final String[] STRING_FIELDS = {"method", "protocol", "request_id", "route_name",
            "requested_server_name", "connection_termination_details", "upstream_transport_failure_reason",
            "downstream_local_address", "upstream_local_address", "downstream_remote_address", "upstream_host",
            "path", "authority"};
    private static final String[] NUMBER_FIELDS = {"bytes_received", "bytes_sent", "duration",
            "upstream_service_time"};
    private static final String[] FLAGS = {"-", "UC", "URX,UF", "UR", "UF,URX", "DC", "UO", "NR"};
    private static final String[] DETAILS = {"via_upstream", "upstream_reset_before_response_started{connection_termination}",
            "upstream_reset_after_response_started{remote_reset}", "downstream_remote_disconnect", "-"};
    private static final String[] CLUSTERS = {"inbound|8080||", "outbound|9080|v1|reviews.shop.svc.cluster.local",
            "PassthroughCluster", "BlackHoleCluster", "-"};
    private static final String[] PIECES = {"a", "Z", "0", "/", "-", "_", ":", ".", "?", "#", "@", " ", "\"", "\\",
            "\n", "\t", "\r", "\b", "\f", "\u0001", "\u001f", "\u007f", "é", "ß", "€", "中", "\uD83D\uDE00",
            "\uD834\uDD1E", "\u2028"};

    private final ObjectMapper jackson = new ObjectMapper();
    private final AccessLogParser parser = new AccessLogParser(AccessLogParser.DEFAULT_MAX_RECORD_BYTES);

    @Test
    void shouldReadEveryIstioFieldAsJacksonDoes() throws Exception {
        Random random = new Random(20240618);
        for (int i = 0; i < LINES; i++) {
            String line = line(random);
            byte[] value = line.getBytes(StandardCharsets.UTF_8);

            AccessLogRecord r = Outcomes.parsed(parser.parse(value, RECORD_TS));

            assertSameFields(r, jackson.readTree(value), "line " + i);
        }
    }

    @Test
    void shouldReadTheSameLinesLeftAsAStringInAFluentBitEnvelope() throws Exception {
        Random random = new Random(7);
        for (int i = 0; i < LINES / 4; i++) {
            String line = line(random);
            String envelope = "{\"@timestamp\":1718706102.617289, \"log\":" + quote(line + "\n", random)
                    + ",\"stream\":\"stdout\",\"kubernetes\":{\"pod_name\":\"p\",\"namespace_name\":\"n\","
                    + "\"labels\":{\"app\":" + quote("a" + i % 3, random) + "}}}";

            AccessLogRecord r = Outcomes.parsed(parser.parse(envelope.getBytes(StandardCharsets.UTF_8), RECORD_TS));

            assertThat(r.envelope()).isEqualTo("fluent-bit");
            assertThat(r.reporter().labels()).containsEntry("app", "a" + i % 3);
            assertSameFields(r, jackson.readTree(line), "envelope " + i);
        }
    }

    @Test
    void shouldRejectWhateverJacksonCannotRead() {
        Random random = new Random(99);
        for (int i = 0; i < LINES; i++) {
            byte[] value = line(random).getBytes(StandardCharsets.UTF_8);
            byte[] broken = random.nextBoolean() ? Arrays.copyOf(value, random.nextInt(value.length))
                    : mutate(value, random);
            boolean jacksonReads;
            try {
                JsonNode tree = jackson.readTree(broken);
                jacksonReads = tree != null && !tree.isMissingNode();
            } catch (Exception e) {
                jacksonReads = false;
            }

            ParseOutcome outcome = parser.parse(broken, RECORD_TS);

            if (!jacksonReads && broken.length > 0) {
                assertThat(outcome).as("mutation %d", i).isNotInstanceOf(ParseOutcome.Parsed.class);
            }
            if (outcome instanceof ParseOutcome.Rejected rejected) {
                assertThat(rejected.reason()).doesNotStartWith("internal parser error").doesNotContain("\n");
            }
        }
    }

    private static byte[] mutate(byte[] value, Random random) {
        byte[] out = value.clone();
        int at = random.nextInt(out.length);
        byte[] choices = {'"', '\\', '{', '}', '[', ']', ',', ':', 0, 0x1f, (byte) 0xC3, (byte) 0xFF, (byte) 0x80,
                (byte) 0xED, 'u', 'n', '-', '0', 'e', '.'};
        out[at] = choices[random.nextInt(choices.length)];
        return out;
    }

    /** One comparison per record (field by field, in record order), so a mismatch shows every field. */
    private void assertSameFields(AccessLogRecord r, JsonNode tree, String where) {
        JsonNode start = tree.get("start_time");
        List<Object> actual = Arrays.asList(r.method(), r.protocol(), r.requestId(), r.routeName(),
                r.requestedServerName(), r.connectionTerminationDetails(), r.upstreamTransportFailureReason(),
                r.downstreamLocalAddress(), r.upstreamLocalAddress(), r.downstreamRemoteAddress(), r.upstreamHost(),
                r.path(), r.authority(), r.responseCode(), r.responseFlags(), r.responseCodeDetails().raw(),
                r.upstreamCluster().raw(), r.bytesReceived(), r.bytesSent(), r.durationMs(),
                r.upstreamServiceTimeMs(), start != null && start.isTextual() ? r.startTime() : null);
        List<Object> expected = Arrays.asList(expected(tree, "method", Function.identity()),
                expected(tree, "protocol", Function.identity()), expected(tree, "request_id", Function.identity()),
                expected(tree, "route_name", Function.identity()),
                expected(tree, "requested_server_name", Function.identity()),
                expected(tree, "connection_termination_details", Function.identity()),
                expected(tree, "upstream_transport_failure_reason", Function.identity()),
                expected(tree, "downstream_local_address", Function.identity()),
                expected(tree, "upstream_local_address", Function.identity()),
                expected(tree, "downstream_remote_address", Function.identity()),
                expected(tree, "upstream_host", Function.identity()),
                expected(tree, "path", JsonDifferentialTest::withoutQuery),
                expected(tree, "authority", a -> a.substring(a.lastIndexOf('@') + 1)),
                tree.get("response_code").asInt(),
                Vocabulary.splitFlags(tree.path("response_flags").asText("-")),
                expected(tree, "response_code_details", Function.identity()),
                expected(tree, "upstream_cluster", Function.identity()),
                number(tree, "bytes_received"), number(tree, "bytes_sent"), number(tree, "duration"),
                number(tree, "upstream_service_time"),
                start != null && start.isTextual() ? Instant.parse(start.asText()) : null);
        if (!actual.equals(expected)) {
            assertThat(actual).as(where).isEqualTo(expected);
        }
    }

    /** What the record should hold: Jackson's value, with {@code -}, empty and null meaning unset. */
    private static String expected(JsonNode tree, String key, Function<String, String> normalize) {
        JsonNode node = tree.get(key);
        if (node == null || node.isNull() || node.asText().isEmpty() || node.asText().equals("-")) {
            return null;
        }
        String v = normalize.apply(node.asText());
        return v.isEmpty() ? null : v;
    }

    private static String withoutQuery(String path) {
        int cut = path.length();
        for (int i = 0; i < path.length(); i++) {
            if (path.charAt(i) == '?' || path.charAt(i) == '#') {
                cut = i;
                break;
            }
        }
        return path.substring(0, cut);
    }

    private static Long number(JsonNode tree, String key) {
        JsonNode node = tree.get(key);
        if (node == null || node.isNull() || node.asText().equals("-")) {
            return null;
        }
        return node.isNumber() ? node.asLong() : Long.parseLong(node.asText());
    }

    /** One Istio JSON line with a random subset of keys in random order, random values and random noise. */
    private static String line(Random random) {
        List<String> members = new ArrayList<>();
        boolean strings = random.nextInt(4) == 0;
        int code = random.nextInt(1000);
        members.add(key("response_code", random) + (strings ? "\"" + code + "\"" : Integer.toString(code)));
        for (String field : STRING_FIELDS) {
            if (random.nextInt(5) > 0) {
                members.add(key(field, random) + stringValue(random));
            }
        }
        for (String field : NUMBER_FIELDS) {
            int shape = random.nextInt(5);
            long n = random.nextInt(3) == 0 ? random.nextInt(200) : (long) (random.nextDouble() * 1e15);
            members.add(key(field, random) + switch (shape) {
                case 0 -> "null";
                case 1 -> "\"-\"";
                case 2 -> "\"" + n + "\"";
                default -> Long.toString(n);
            });
        }
        members.add(key("response_flags", random) + quote(FLAGS[random.nextInt(FLAGS.length)], random));
        members.add(key("response_code_details", random) + quote(DETAILS[random.nextInt(DETAILS.length)], random));
        members.add(key("upstream_cluster", random) + quote(CLUSTERS[random.nextInt(CLUSTERS.length)], random));
        if (random.nextBoolean()) {
            Instant t = Instant.ofEpochMilli(1_700_000_000_000L + (long) (random.nextDouble() * 1e11));
            members.add(key("start_time", random) + quote(t.toString(), random));
        }
        for (int k = random.nextInt(4); k > 0; k--) {
            members.add(quote("x_" + random.nextInt(100), random) + ":" + anyValue(random, 0));
        }
        members.add(key("user_agent", random) + stringValue(random));
        Collections.shuffle(members, random);
        StringBuilder sb = new StringBuilder(blank(random) + "{");
        for (int i = 0; i < members.size(); i++) {
            sb.append(i == 0 ? "" : ",").append(blank(random)).append(members.get(i)).append(blank(random));
        }
        return sb.append("}").append(blank(random)).toString();
    }

    private static String key(String name, Random random) {
        return quote(name, random) + blank(random) + ":" + blank(random);
    }

    private static String stringValue(Random random) {
        int shape = random.nextInt(10);
        if (shape == 0) {
            return "null";
        }
        if (shape == 1) {
            return "\"-\"";
        }
        StringBuilder sb = new StringBuilder();
        for (int n = random.nextInt(12); n > 0; n--) {
            sb.append(PIECES[random.nextInt(PIECES.length)]);
        }
        return quote(sb.toString(), random);
    }

    private static String anyValue(Random random, int depth) {
        int kind = random.nextInt(depth > 3 ? 5 : 7);
        return switch (kind) {
            case 0 -> stringValue(random);
            case 1 -> new String[] {"0", "-1", "3.25", "-0.5e-3", "1E+9", "12345678901234567890123"}[random.nextInt(6)];
            case 2 -> "true";
            case 3 -> "false";
            case 4 -> "null";
            case 5 -> {
                StringBuilder sb = new StringBuilder("[");
                for (int n = random.nextInt(3); n > 0; n--) {
                    sb.append(anyValue(random, depth + 1)).append(n > 1 ? "," + blank(random) : "");
                }
                yield sb.append("]").toString();
            }
            default -> {
                StringBuilder sb = new StringBuilder("{");
                for (int n = random.nextInt(3); n > 0; n--) {
                    sb.append(quote("k" + n, random)).append(":").append(anyValue(random, depth + 1))
                            .append(n > 1 ? "," : "");
                }
                yield sb.append("}").toString();
            }
        };
    }

    private static String blank(Random random) {
        return switch (random.nextInt(8)) {
            case 0 -> " ";
            case 1 -> "\n\t ";
            case 2 -> "\r\n";
            default -> "";
        };
    }

    /** A JSON string literal of {@code s}, escaping randomly in every way the grammar allows. */
    static String quote(String s, Random random) {
        StringBuilder sb = new StringBuilder("\"");
        boolean escapeAnyway = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!Character.isLowSurrogate(c)) {
                escapeAnyway = random.nextInt(8) == 0; // both halves of a pair alike, or the bytes would lie
            }
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append(escapeAnyway ? "\\u000a" : "\\n");
                case '\t' -> sb.append(escapeAnyway ? "\\u0009" : "\\t");
                case '\r' -> sb.append("\\r");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                case '/' -> sb.append(escapeAnyway ? "\\/" : "/");
                default -> {
                    if (c < 0x20 || escapeAnyway) {
                        sb.append(String.format(random.nextBoolean() ? "\\u%04x" : "\\u%04X", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}

package io.resetwatch.topology;

import static io.resetwatch.topology.TopologyHarness.T0;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.resetwatch.serde.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

/**
 * Mixed valid and invalid records in: every record is parsed, skipped (counted by reason) or dead-lettered
 * with its original bytes and origin. Nothing vanishes.
 */
class IngestionTopologyTest {

    private static final String SECRET = "Bearer s3cr3t-t0ken";

    @Test
    void shouldParseSkipOrDeadLetterEveryAccessLogRecord() throws IOException {
        List<byte[]> valid = corpusAccessLogs();
        List<byte[]> invalid = List.of(
                ("{\"response_code\": 503, \"authorization\": \"" + SECRET + "\"").getBytes(StandardCharsets.UTF_8),
                new byte[] {0, 1, 2, 3, (byte) 0xff},
                "{\"response_code\": \"\u00ff\"}".getBytes(StandardCharsets.ISO_8859_1),
                ("[2024-06-18T10:19:42.614Z] \"GET /x?cookie=" + SECRET + " HTTP/1.1\" abc").getBytes(StandardCharsets.UTF_8),
                new byte[2 * 1024 * 1024]);
        List<byte[]> notAccessLogs = List.of(
                "[2024-06-18 10:19:42.614][15][info][upstream] cds: added/updated 3 cluster(s)".getBytes(StandardCharsets.UTF_8),
                "{\"log\":\"GET /healthz 200\",\"kubernetes\":{\"container_name\":\"app\",\"pod_name\":\"x\"}}"
                        .getBytes(StandardCharsets.UTF_8));
        try (TopologyHarness h = new TopologyHarness()) {
            List<byte[]> all = new ArrayList<>();
            int i = 0;
            for (byte[] v : valid) {
                all.add(v);
                if (i < invalid.size()) {
                    all.add(invalid.get(i));
                }
                if (i < notAccessLogs.size()) {
                    all.add(notAccessLogs.get(i));
                }
                i++;
            }
            for (byte[] v : all) {
                h.accessBytes(v, T0.toEpochMilli());
            }

            List<TestRecord<byte[], byte[]>> deadLetters = h.deadLetters.readRecordsToList();
            assertThat(deadLetters).hasSize(invalid.size());
            for (TestRecord<byte[], byte[]> dl : deadLetters) {
                assertThat(invalid).anySatisfy(v -> assertThat(Arrays.equals(v, dl.value())).isTrue());
                long offset = Long.parseLong(header(dl, "resetwatch.source.offset"));
                assertThat(all.get((int) offset)).isEqualTo(dl.value());
                assertThat(header(dl, "resetwatch.source.topic")).isEqualTo("envoy-access-logs");
                assertThat(header(dl, "resetwatch.source.partition")).isEqualTo("0");
                assertThat(header(dl, "resetwatch.reason")).isNotBlank().doesNotContain("s3cr3t", "\n");
                assertThat(header(dl, "resetwatch.format")).isNotBlank();
                assertThat(header(dl, "resetwatch.version")).isNotBlank();
            }
            double parsed = h.counter("resetwatch.records.parsed");
            double skipped = h.counter("resetwatch.records.skipped");
            assertThat(parsed).isEqualTo(valid.size());
            assertThat(skipped).isEqualTo(notAccessLogs.size());
            assertThat(h.counter("resetwatch.records.skipped", "reason", "envoy_application_log")).isEqualTo(1);
            assertThat(h.counter("resetwatch.dead.letters")).isEqualTo(invalid.size());
            assertThat(parsed + skipped + deadLetters.size()).isEqualTo(all.size());
        }
    }

    @Test
    void shouldDeadLetterUnreadablePodEventsAndKeepTheRest() {
        try (TopologyHarness h = new TopologyHarness()) {
            h.pod("{\"kind\":\"Event\",\"reason\":", T0.toEpochMilli());
            h.pod(Lines.pod("ADDED", "shop", "cart-1", "uid-1", "10.0.0.1", "node-a", "cart", null, null, 0, 0),
                    T0.toEpochMilli());
            h.pod("[1,2,3]", T0.toEpochMilli());
            List<TestRecord<byte[], byte[]>> deadLetters = h.deadLetters.readRecordsToList();
            assertThat(deadLetters).hasSize(2);
            assertThat(deadLetters).allSatisfy(dl ->
                    assertThat(header(dl, "resetwatch.source.topic")).isEqualTo("k8s-pod-events"));
            assertThat(h.counter("resetwatch.records.parsed", "format", "pod-watch")).isEqualTo(1);
        }
    }

    private static String header(TestRecord<byte[], byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    /** Every corpus line and envelope, as a Kafka record value (paste artefacts undone as the corpus README allows). */
    private static List<byte[]> corpusAccessLogs() throws IOException {
        List<byte[]> out = new ArrayList<>();
        for (String line : resource("/corpus/access-logs/real-lines.jsonl")) {
            String value = Json.mapper().readTree(line).get("line").asText().replace("**", "").replace("\n", "");
            out.add(value.getBytes(StandardCharsets.UTF_8));
        }
        for (String line : resource("/corpus/access-logs/envelopes.jsonl")) {
            JsonNode value = Json.mapper().readTree(line).get("value");
            out.add((value.isTextual() ? value.asText() : value.toString()).getBytes(StandardCharsets.UTF_8));
        }
        return out;
    }

    private static List<String> resource(String path) throws IOException {
        try (InputStream in = IngestionTopologyTest.class.getResourceAsStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
        }
    }
}

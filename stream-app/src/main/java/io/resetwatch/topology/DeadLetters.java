package io.resetwatch.topology;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import io.resetwatch.metrics.ResetWatchMetrics;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/** Dead-letter headers (CONTRACTS §6, schemas/dead-letter.md). The value stays the original bytes. */
final class DeadLetters {

    static final String REASON = "resetwatch.reason";
    static final String SOURCE_TOPIC = "resetwatch.source.topic";
    static final String SOURCE_PARTITION = "resetwatch.source.partition";
    static final String SOURCE_OFFSET = "resetwatch.source.offset";
    static final String FORMAT = "resetwatch.format";
    static final String VERSION = "resetwatch.version";

    private static final String RESETWATCH_VERSION = version();

    private DeadLetters() {
    }

    /** Sends the record's original key and bytes on to the dead-letter sink, with its reason and origin, and counts it. */
    static void forward(ProcessorContext<String, Routed> context, Record<byte[], byte[]> record, String reason,
                        String format, ResetWatchMetrics metrics) {
        RecordMetadata origin = context.recordMetadata().orElse(null);
        metrics.deadLetter(origin == null ? "unknown" : origin.topic(), category(reason));
        context.forward(new Record<String, Routed>(null, new Routed.DeadLetter(record.key(), record.value()),
                record.timestamp(), headers(reason, format, origin)));
    }

    static Headers headers(String reason, String format, RecordMetadata origin) {
        RecordHeaders headers = new RecordHeaders();
        add(headers, REASON, oneLine(reason));
        add(headers, SOURCE_TOPIC, origin == null ? "unknown" : origin.topic());
        add(headers, SOURCE_PARTITION, origin == null ? "-1" : Integer.toString(origin.partition()));
        add(headers, SOURCE_OFFSET, origin == null ? "-1" : Long.toString(origin.offset()));
        add(headers, FORMAT, format == null ? "unknown" : format);
        add(headers, VERSION, RESETWATCH_VERSION);
        return headers;
    }

    /**
     * A bounded label for the metric: the reason's leading words, with numbers folded, so that "record of
     * 5242880 bytes exceeds limit" and the same with another size count together.
     */
    static String category(String reason) {
        if (reason == null || reason.isBlank()) {
            return "unknown";
        }
        String head = reason.split("[:(\\[\"']", 2)[0].trim();
        head = head.replaceAll("[0-9]+", "N").replaceAll("[^A-Za-z_ N-]", "").trim();
        if (head.length() > 48) {
            head = head.substring(0, 48).trim();
        }
        return head.isEmpty() ? "unknown" : head.replace(' ', '_').toLowerCase(java.util.Locale.ROOT);
    }

    private static String oneLine(String reason) {
        String r = reason == null ? "unknown" : reason.replaceAll("[\\r\\n\\t]+", " ");
        return r.length() > 300 ? r.substring(0, 300) : r;
    }

    private static void add(Headers headers, String key, String value) {
        headers.add(key, value.getBytes(StandardCharsets.UTF_8));
    }

    private static String version() {
        String v = DeadLetters.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}

package io.resetwatch.parse;

import io.resetwatch.parse.ParseOutcome.Parsed;
import io.resetwatch.parse.ParseOutcome.Rejected;
import io.resetwatch.parse.ParseOutcome.Skipped;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Turns one access-log record value, in any supported shape, into a {@link ParseOutcome}, without
 * configuration: Istio JSON (typed or string-valued), Istio TEXT (1.9+, 1.8, ≤1.7, pre-1.0), standalone Envoy
 * TEXT, each bare or inside a Fluent Bit or Vector envelope, and behind CRI, {@code docker compose logs -t} or
 * pasted comment prefixes (DOMAIN §3, §6).
 *
 * <p>Thread-safe: one instance may be shared by every stream thread. It keeps only bounded caches of
 * immutable values; everything else lives in the call. {@link #parse} never throws.
 */
public final class AccessLogParser {

    /** Kafka's default maximum message size is 1 MiB; an access-log line is a few hundred bytes. */
    public static final int DEFAULT_MAX_RECORD_BYTES = 1 << 20;

    private static final Skipped EMPTY = new Skipped(TextLineParser.SKIP_EMPTY, "unknown");

    private final int maxRecordBytes;
    private final Vocabulary vocabulary = new Vocabulary();
    private final TextLineParser textParser = new TextLineParser();
    private final JsonRecordReader jsonReader = new JsonRecordReader(vocabulary, textParser);

    public AccessLogParser() {
        this(DEFAULT_MAX_RECORD_BYTES);
    }

    public AccessLogParser(int maxRecordBytes) {
        if (maxRecordBytes <= 0) {
            throw new IllegalArgumentException("maxRecordBytes must be positive: " + maxRecordBytes);
        }
        this.maxRecordBytes = maxRecordBytes;
    }

    /**
     * @param value             the record value as it arrived (null and blank values are skipped as {@code empty})
     * @param recordTimestampMs the Kafka record timestamp: the event time of a line that states no time at all
     */
    public ParseOutcome parse(byte[] value, long recordTimestampMs) {
        try {
            if (value == null || value.length == 0) {
                return EMPTY;
            }
            if (value.length > maxRecordBytes) {
                return new Rejected("record of " + value.length + " bytes exceeds limit " + maxRecordBytes,
                        "unknown");
            }
            int start = firstContentByte(value);
            if (start >= value.length) {
                return EMPTY;
            }
            byte first = value[start];
            if (first == '{') {
                return jsonReader.read(value, start, recordTimestampMs);
            }
            if (first == '[' && startsJsonArray(value, start)) {
                return new Rejected("a JSON array is not an access-log record", "json");
            }
            char[] chars = decodeLine(value, start);
            // The thread's reused buffer holds the ASCII line in its first bytes; any other array is exact.
            int length = chars == LINE.get() ? value.length - start : chars.length;
            LineFields fields = new LineFields(vocabulary, "unknown");
            String skip = textParser.parse(chars, 0, length, fields);
            if (skip != null) {
                return skip.equals(TextLineParser.SKIP_EMPTY) ? EMPTY : new Skipped(skip, "text");
            }
            return new Parsed(fields.toRecord("none", null, fields.prefixTime, recordTimestampMs));
        } catch (Rejection r) {
            return new Rejected(r.getMessage(), r.format());
        } catch (RuntimeException | StackOverflowError e) {
            // A bug, not a property of the input: still a dead letter rather than a crashed stream thread.
            return new Rejected("internal parser error (" + e.getClass().getSimpleName() + ")", "unknown");
        }
    }

    /** Skips blanks and a UTF-8 byte order mark. */
    private static int firstContentByte(byte[] v) {
        int i = 0;
        if (v.length >= 3 && v[0] == (byte) 0xEF && v[1] == (byte) 0xBB && v[2] == (byte) 0xBF) {
            i = 3;
        }
        while (i < v.length && (v[i] == ' ' || v[i] == '\t' || v[i] == '\r' || v[i] == '\n')) {
            i++;
        }
        return i;
    }

    /** {@code [{...}]} or {@code [[...]]}, as opposed to a TEXT line's {@code [START_TIME]}. */
    private static boolean startsJsonArray(byte[] v, int start) {
        int i = start + 1;
        while (i < v.length && (v[i] == ' ' || v[i] == '\t' || v[i] == '\r' || v[i] == '\n')) {
            i++;
        }
        return i >= v.length || v[i] == '{' || v[i] == '[' || v[i] == ']' || v[i] == '"';
    }

    /**
     * Decodes the TEXT line. ASCII (nearly every access-log line) is widened byte by byte into this thread's
     * reused buffer; anything else goes through a strict UTF-8 decoder (into an array of the exact length) so
     * that invalid bytes reject the record instead of becoming U+FFFD.
     */
    private static char[] decodeLine(byte[] v, int start) {
        int n = v.length - start;
        char[] chars = lineBuffer(n);
        for (int i = 0; i < n; i++) {
            byte b = v[start + i];
            if (b < 0) {
                return decodeUtf8(v, start);
            }
            if (b < 0x20 && b != '\t' && b != '\n' && b != '\r') {
                throw new Rejection("binary content: control byte 0x" + Integer.toHexString(b) + " at offset "
                        + (start + i), "unknown");
            }
            chars[i] = (char) b;
        }
        return chars;
    }

    /** Lines up to this length reuse one buffer per thread; longer ones (rare) get their own. */
    private static final int REUSED_LINE_CHARS = 16 * 1024;
    private static final ThreadLocal<char[]> LINE = ThreadLocal.withInitial(() -> new char[1024]);

    /** A buffer of at least {@code n} chars, only valid until this thread's next parse call. */
    private static char[] lineBuffer(int n) {
        char[] buffer = LINE.get();
        if (buffer.length >= n) {
            return buffer;
        }
        if (n > REUSED_LINE_CHARS) {
            return new char[n];
        }
        buffer = new char[Math.max(n, buffer.length * 2)];
        LINE.set(buffer);
        return buffer;
    }

    private static char[] decodeUtf8(byte[] v, int start) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(v, start, v.length - start);
        CharBuffer out = CharBuffer.allocate(v.length - start);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            throw new Rejection("invalid UTF-8 at offset " + in.position(), "unknown");
        }
        decoder.flush(out);
        char[] chars = new char[out.position()];
        out.flip().get(chars);
        for (int i = 0; i < chars.length; i++) {
            char ch = chars[i];
            if (ch < 0x20 && ch != '\t' && ch != '\n' && ch != '\r') {
                throw new Rejection("binary content: control character at offset " + i, "unknown");
            }
        }
        return chars;
    }
}

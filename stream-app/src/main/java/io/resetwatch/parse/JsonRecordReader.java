package io.resetwatch.parse;

import io.resetwatch.model.ReportingPod;

import java.time.Instant;

/**
 * Reads a JSON record value in one pass over its bytes with {@link JsonScanner}, building no tree: an agent
 * envelope (Fluent Bit, Vector) around a line, Envoy's JSON keys at the top level (a raw JSON line, or Fluent
 * Bit's {@code merge_log}) or nested under one key ({@code merge_log_key}), and a JSON line inside the envelope's
 * string. Keys are matched as bytes; only the values the record keeps become Strings, and repeating ones come
 * from the vocabulary's caches. Thread-safe: everything but those caches lives in the call.
 */
final class JsonRecordReader {

    static final String TYPED = "istio-json";
    static final String STRINGS = "istio-json-strings";
    static final int MAX_NESTING_DEPTH = JsonScanner.MAX_DEPTH;
    private static final String PROXY_CONTAINER = "istio-proxy";

    private final Vocabulary vocabulary;
    private final TextLineParser textParser;

    JsonRecordReader(Vocabulary vocabulary, TextLineParser textParser) {
        this.vocabulary = vocabulary;
        this.textParser = textParser;
    }

    /** What the envelope said besides the line. One per call. */
    private static final class Envelope {
        /** Raw range of the {@code log}/{@code message} string, decoded only if the record needs it. */
        int lineStart = -1;
        int lineEnd;
        boolean hasLog;
        boolean hasMessage;
        boolean vectorKeys;
        boolean fluentBitKeys;
        /** Raw range of the time value (string content or number text), decoded only if the record needs it. */
        int timeStart = -1;
        int timeEnd;
        int timeKey;
        /** Pod identity and workload labels, laid out as {@link ReporterCache} keys them; null if none. */
        String[] pod;

        String name() {
            if (hasLog || fluentBitKeys) {
                return "fluent-bit";
            }
            if (hasMessage || vectorKeys) {
                return "vector";
            }
            return "none";
        }

        void pod(int at, String value) {
            if (pod == null) {
                pod = new String[ReporterCache.KEY_LENGTH];
            }
            pod[at] = value;
        }
    }

    ParseOutcome read(byte[] value, int offset, long recordTimestampMs) {
        Envelope env = new Envelope();
        LineFields top = new LineFields(vocabulary, TYPED);
        LineFields nested = null;
        JsonScanner s = new JsonScanner(value, offset, value.length, "json");
        s.beginObject();
        for (boolean first = true; s.nextMember(first); first = false) {
            int key = s.readKey();
            if (key >= 0 && key <= LineFields.IGNORED) {
                readField(s, key, top);
                continue;
            }
            int next = s.peek();
            switch (key) {
                case JsonKeys.LOG, JsonKeys.MESSAGE -> {
                    if (key == JsonKeys.LOG) {
                        env.hasLog = true;
                    } else {
                        env.hasMessage = true;
                    }
                    if (next == '"') {
                        s.scanString();
                        env.lineStart = s.stringStart();
                        env.lineEnd = s.stringEnd();
                    } else if (next == '{' && nested == null) {
                        nested = readFieldsObject(s, new LineFields(vocabulary, TYPED));
                    } else {
                        s.skipValue();
                    }
                }
                case JsonKeys.KUBERNETES -> {
                    if (next == '{') {
                        readKubernetes(s, env);
                    } else {
                        s.skipValue();
                    }
                }
                case JsonKeys.TIME, JsonKeys.TIMESTAMP, JsonKeys.AT_TIMESTAMP -> readTime(s, next, key, env);
                case JsonKeys.SOURCE_TYPE, JsonKeys.FILE -> {
                    env.vectorKeys = true;
                    s.skipValue();
                }
                case JsonKeys.STREAM -> s.skipValue();
                default -> {
                    if (next == '{' && nested == null) {
                        // merge_log_key: Fluent Bit nests the parsed line under a configured key
                        nested = readFieldsObject(s, new LineFields(vocabulary, TYPED));
                    } else {
                        s.skipValue();
                    }
                }
            }
        }
        s.expectEnd("trailing content after the JSON object", "json");

        String envelope = env.name();
        String[] pod = env.pod;
        String container = pod == null ? null : pod[ReporterCache.CONTAINER];
        if (container != null && !container.equals(PROXY_CONTAINER)) {
            return new ParseOutcome.Skipped("not_istio_proxy_container", envelope);
        }
        ReportingPod reporter = pod == null || (pod[ReporterCache.NAME] == null && pod[ReporterCache.NAMESPACE] == null)
                ? null : vocabulary.reporters.get(pod);
        LineFields fields = null;
        if (top.responseCode >= 0 || top.jsonKeys >= 3) {
            fields = top;
        } else if (nested != null && (nested.responseCode >= 0 || nested.jsonKeys >= 3)) {
            fields = nested;
        }
        if (fields == null && env.lineStart >= 0) {
            fields = readLine(s, env, envelope);
            if (fields == null) {
                return new ParseOutcome.Skipped(TextLineParser.SKIP_ENVOY_LOG, envelope);
            }
        }
        if (fields == null) {
            throw new Rejection("JSON object has no access-log fields and no log/message line",
                    envelope.equals("none") ? "json" : envelope);
        }
        if (fields.format.equals(TYPED) && fields.numbersAsStrings) {
            fields.format = STRINGS;
        }
        Instant envelopeTime = fields.startTime != null ? null
                : fields.prefixTime != null ? fields.prefixTime : envelopeTime(s, env, fields.format);
        return new ParseOutcome.Parsed(fields.toRecord(envelope, reporter, envelopeTime, recordTimestampMs));
    }

    /** The line inside an envelope: JSON (left as a string by the agent) or TEXT; null if it is not an access log. */
    private LineFields readLine(JsonScanner s, Envelope env, String envelope) {
        int n = s.decode(env.lineStart, env.lineEnd);
        char[] c = s.chars();
        int start = 0;
        while (start < n && c[start] <= ' ') {
            start++;
        }
        if (start < n && c[start] == '{') {
            byte[] json = JsonScanner.utf8(c, start, n);
            JsonScanner inner = new JsonScanner(json, 0, json.length, envelope);
            LineFields fields = readFieldsObject(inner, new LineFields(vocabulary, TYPED));
            inner.expectEnd("trailing content after the JSON line in " + envelope + " envelope", TYPED);
            if (fields.responseCode < 0 && fields.jsonKeys < 3) {
                throw new Rejection("JSON line in " + envelope + " envelope has no access-log fields", envelope);
            }
            return fields;
        }
        LineFields f = new LineFields(vocabulary, envelope);
        String skip = textParser.parse(c, 0, n, f);
        if (TextLineParser.SKIP_EMPTY.equals(skip)) {
            throw new Rejection("empty log line in " + envelope + " envelope", envelope);
        }
        return skip == null ? f : null;
    }

    /** Reads an object of Envoy keys (cursor on its brace); unknown keys are skipped whatever their shape. */
    private static LineFields readFieldsObject(JsonScanner s, LineFields f) {
        s.beginObject();
        for (boolean first = true; s.nextMember(first); first = false) {
            int key = s.readKey();
            if (key >= 0 && key <= LineFields.IGNORED) {
                readField(s, key, f);
            } else {
                s.skipValue();
            }
        }
        return f;
    }

    /** Typed values (numbers, null) and string-valued ones ({@code "503"}, {@code "-"}) are both accepted. */
    private static void readField(JsonScanner s, int field, LineFields f) {
        f.jsonKeys++;
        int next = s.peek();
        if (next == '"') {
            s.scanString();
            if (LineFields.isNumeric(field)) {
                f.numbersAsStrings = true;
                if (f.format.equals(TYPED)) {
                    f.format = STRINGS;
                }
            }
            if (s.stringEscaped()) {
                int n = s.decodeString();
                f.text(field, s.chars(), 0, n);
            } else {
                f.text(field, s.bytes(), s.stringStart(), s.stringLength());
            }
        } else if (next == '-' || (next >= '0' && next <= '9')) {
            s.scanNumber();
            if (!LineFields.isNumeric(field)) {
                f.text(field, s.bytes(), s.numberStart(), s.numberEnd() - s.numberStart());
            } else if (!s.numberInteger()) {
                throw new Rejection(LineFields.name(field) + " is not an integer", f.format);
            } else if (s.numberOverflows()) {
                throw new Rejection(LineFields.name(field) + " is out of range", f.format);
            } else {
                f.number(field, s.numberValue());
            }
        } else if (next == 'n') {
            s.literal();
            f.clear(field);
        } else if (next == '{') {
            throw wrongType(field, "an object", f);
        } else if (next == '[') {
            throw wrongType(field, "an array", f);
        } else if (next == 't' || next == 'f') {
            s.literal();
            throw wrongType(field, "a boolean", f);
        } else {
            throw s.unexpected(next, "a value");
        }
    }

    private static Rejection wrongType(int field, String type, LineFields f) {
        String expected = LineFields.isNumeric(field) ? "a number" : "a string";
        return new Rejection(LineFields.name(field) + " is " + type + ", expected " + expected, f.format);
    }

    private static void readTime(JsonScanner s, int next, int key, Envelope env) {
        int start;
        int end;
        if (next == '"') {
            s.scanString();
            start = s.stringStart();
            end = s.stringEnd();
        } else if (next == '-' || (next >= '0' && next <= '9')) {
            s.scanNumber();
            start = s.numberStart();
            end = s.numberEnd();
        } else {
            s.skipValue();
            return;
        }
        // The runtime's write time (docker "time", Vector "timestamp") is closer to the line than the time the
        // Kafka output added ("@timestamp").
        if (env.timeStart < 0 || key != JsonKeys.AT_TIMESTAMP) {
            env.timeStart = start;
            env.timeEnd = end;
            env.timeKey = key;
        }
        if (key == JsonKeys.AT_TIMESTAMP) {
            env.fluentBitKeys = true;
        }
    }

    /** A string's content or a number's text, decoded the same way; read exactly, never through a double. */
    private static Instant envelopeTime(JsonScanner s, Envelope env, String format) {
        if (env.timeStart < 0) {
            return null;
        }
        int n = s.decode(env.timeStart, env.timeEnd);
        char[] c = s.chars();
        Instant t = Timestamps.parse(c, 0, n);
        if (t == null) {
            t = Timestamps.parseEpochSeconds(c, 0, n);
        }
        if (t == null) {
            String key = switch (env.timeKey) {
                case JsonKeys.TIME -> "time";
                case JsonKeys.TIMESTAMP -> "timestamp";
                default -> "@timestamp";
            };
            throw new Rejection("unparseable envelope time in " + key, format);
        }
        return t;
    }

    private void readKubernetes(JsonScanner s, Envelope env) {
        s.beginObject();
        for (boolean first = true; s.nextMember(first); first = false) {
            int key = s.readKey();
            int next = s.peek();
            if (next == '{' && (key == JsonKeys.LABELS || key == JsonKeys.POD_LABELS)) {
                readWorkloadLabels(s, env);
                continue;
            }
            if (next != '"') {
                s.skipValue();
                continue;
            }
            switch (key) {
                case JsonKeys.POD_NAME -> env.pod(ReporterCache.NAME, string(s));
                case JsonKeys.NAMESPACE_NAME -> {
                    env.pod(ReporterCache.NAMESPACE, string(s));
                    env.fluentBitKeys = true;
                }
                case JsonKeys.POD_NAMESPACE -> {
                    env.pod(ReporterCache.NAMESPACE, string(s));
                    env.vectorKeys = true;
                }
                case JsonKeys.POD_ID, JsonKeys.POD_UID -> env.pod(ReporterCache.UID, string(s));
                case JsonKeys.HOST, JsonKeys.POD_NODE_NAME -> env.pod(ReporterCache.NODE, string(s));
                case JsonKeys.POD_IP -> env.pod(ReporterCache.IP, string(s));
                case JsonKeys.CONTAINER_NAME -> env.pod(ReporterCache.CONTAINER, string(s));
                default -> s.scanString();
            }
        }
    }

    /** Only the labels that identify a workload; everything else (and every annotation) is dropped. */
    private void readWorkloadLabels(JsonScanner s, Envelope env) {
        if (env.pod != null) {
            // a later labels object replaces an earlier one
            java.util.Arrays.fill(env.pod, ReporterCache.FIRST_LABEL, ReporterCache.KEY_LENGTH, null);
        }
        s.beginObject();
        for (boolean first = true; s.nextMember(first); first = false) {
            int key = s.readKey();
            if (key >= JsonKeys.FIRST_LABEL && s.peek() == '"') {
                env.pod(ReporterCache.FIRST_LABEL + key - JsonKeys.FIRST_LABEL, string(s));
            } else {
                s.skipValue();
            }
        }
    }

    /** The string at the cursor, through the intern cache: envelope values repeat on every line of a pod. */
    private String string(JsonScanner s) {
        s.scanString();
        if (s.stringEscaped()) {
            int n = s.decodeString();
            return vocabulary.strings.intern(s.chars(), 0, n);
        }
        return vocabulary.strings.intern(s.bytes(), s.stringStart(), s.stringLength());
    }
}

package io.resetwatch.parse;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import io.resetwatch.model.ReportingPod;

import java.io.CharConversionException;
import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads a JSON record value with Jackson's streaming parser, in one pass and without building a tree: an agent
 * envelope (Fluent Bit, Vector) around a line, Envoy's JSON keys at the top level (a raw JSON line, or Fluent
 * Bit's {@code merge_log}) or nested under one key ({@code merge_log_key}), and a JSON line inside the envelope's
 * string. Thread-safe: the factory is shared, everything else is per call.
 */
final class JsonRecordReader {

    static final String TYPED = "istio-json";
    static final String STRINGS = "istio-json-strings";
    static final int MAX_NESTING_DEPTH = 64;
    private static final String PROXY_CONTAINER = "istio-proxy";

    private final JsonFactory factory = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH).build())
            .build();
    private final Vocabulary vocabulary;
    private final TextLineParser textParser;

    JsonRecordReader(Vocabulary vocabulary, TextLineParser textParser) {
        this.vocabulary = vocabulary;
        this.textParser = textParser;
    }

    /** What the envelope said besides the line. One per call. */
    private static final class Envelope {
        char[] line;
        boolean hasLog;
        boolean hasMessage;
        boolean vectorKeys;
        boolean fluentBitKeys;
        String time;
        String timeKey;
        boolean timeIsNumber;
        String podName;
        String namespace;
        String uid;
        String node;
        String ip;
        String container;
        Map<String, String> labels;

        String name() {
            if (hasLog || fluentBitKeys) {
                return "fluent-bit";
            }
            if (hasMessage || vectorKeys) {
                return "vector";
            }
            return "none";
        }
    }

    ParseOutcome read(byte[] value, int offset, long recordTimestampMs) {
        Envelope env = new Envelope();
        LineFields top = new LineFields(vocabulary, TYPED);
        LineFields nested = null;
        try (JsonParser p = factory.createParser(value, offset, value.length - offset)) {
            p.nextToken(); // START_OBJECT: the caller saw '{'
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken v = p.nextToken();
                int field = fieldId(name);
                if (field >= 0) {
                    readField(p, v, field, top);
                    continue;
                }
                switch (name) {
                    case "log", "message" -> {
                        if (name.equals("log")) {
                            env.hasLog = true;
                        } else {
                            env.hasMessage = true;
                        }
                        if (v == JsonToken.VALUE_STRING) {
                            env.line = Arrays.copyOfRange(p.getTextCharacters(), p.getTextOffset(),
                                    p.getTextOffset() + p.getTextLength());
                        } else if (v == JsonToken.START_OBJECT && nested == null) {
                            nested = readFieldsObject(p, new LineFields(vocabulary, TYPED));
                        } else {
                            p.skipChildren();
                        }
                    }
                    case "kubernetes" -> {
                        if (v == JsonToken.START_OBJECT) {
                            readKubernetes(p, env);
                        } else {
                            p.skipChildren();
                        }
                    }
                    case "time", "timestamp", "@timestamp" -> readTime(p, v, name, env);
                    case "source_type", "file" -> {
                        env.vectorKeys = true;
                        p.skipChildren();
                    }
                    case "stream" -> p.skipChildren();
                    default -> {
                        if (v == JsonToken.START_OBJECT && nested == null) {
                            // merge_log_key: Fluent Bit nests the parsed line under a configured key
                            nested = readFieldsObject(p, new LineFields(vocabulary, TYPED));
                        } else {
                            p.skipChildren();
                        }
                    }
                }
            }
            if (t != JsonToken.END_OBJECT) {
                throw new Rejection("malformed JSON object", "json");
            }
            if (p.nextToken() != null) {
                throw new Rejection("trailing content after the JSON object", "json");
            }
        } catch (Rejection r) {
            throw r;
        } catch (IOException e) {
            throw jsonFailure(e, "json");
        }

        String envelope = env.name();
        if (env.container != null && !env.container.equals(PROXY_CONTAINER)) {
            return new ParseOutcome.Skipped("not_istio_proxy_container", envelope);
        }
        ReportingPod reporter = env.podName == null && env.namespace == null ? null
                : new ReportingPod(env.namespace, env.podName, env.uid, env.node, env.ip, env.container, env.labels);
        LineFields fields = null;
        if (top.responseCode >= 0 || top.jsonKeys >= 3) {
            fields = top;
        } else if (nested != null && (nested.responseCode >= 0 || nested.jsonKeys >= 3)) {
            fields = nested;
        }
        if (fields == null && env.line != null) {
            fields = readLine(env, envelope);
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
                : fields.prefixTime != null ? fields.prefixTime : envelopeTime(env, fields.format);
        return new ParseOutcome.Parsed(fields.toRecord(envelope, reporter, envelopeTime, recordTimestampMs));
    }

    /** The line inside an envelope: JSON (left as a string by the agent) or TEXT; null if it is not an access log. */
    private LineFields readLine(Envelope env, String envelope) {
        char[] c = env.line;
        int start = 0;
        while (start < c.length && c[start] <= ' ') {
            start++;
        }
        if (start < c.length && c[start] == '{') {
            LineFields inner = new LineFields(vocabulary, TYPED);
            try (JsonParser p = factory.createParser(c, start, c.length - start)) {
                p.nextToken();
                readFieldsObject(p, inner);
                if (p.nextToken() != null) {
                    throw new Rejection("trailing content after the JSON line in " + envelope + " envelope", TYPED);
                }
            } catch (Rejection r) {
                throw r;
            } catch (IOException e) {
                throw jsonFailure(e, envelope);
            }
            if (inner.responseCode < 0 && inner.jsonKeys < 3) {
                throw new Rejection("JSON line in " + envelope + " envelope has no access-log fields", envelope);
            }
            return inner;
        }
        LineFields f = new LineFields(vocabulary, envelope);
        String skip = textParser.parse(c, 0, c.length, f);
        if (TextLineParser.SKIP_EMPTY.equals(skip)) {
            throw new Rejection("empty log line in " + envelope + " envelope", envelope);
        }
        return skip == null ? f : null;
    }

    /** Reads an object of Envoy keys (p at START_OBJECT); unknown keys are skipped whatever their shape. */
    private static LineFields readFieldsObject(JsonParser p, LineFields f) throws IOException {
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            int field = fieldId(p.currentName());
            JsonToken v = p.nextToken();
            if (field >= 0) {
                readField(p, v, field, f);
            } else {
                p.skipChildren();
            }
        }
        if (t != JsonToken.END_OBJECT) {
            throw new Rejection("malformed JSON object", f.format);
        }
        return f;
    }

    /** Typed values (numbers, null) and string-valued ones ({@code "503"}, {@code "-"}) are both accepted. */
    private static void readField(JsonParser p, JsonToken v, int field, LineFields f) throws IOException {
        f.jsonKeys++;
        switch (v) {
            case VALUE_STRING -> {
                if (LineFields.isNumeric(field)) {
                    f.numbersAsStrings = true;
                    if (f.format.equals(TYPED)) {
                        f.format = STRINGS;
                    }
                }
                f.text(field, p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
            }
            case VALUE_NUMBER_INT -> {
                if (LineFields.isNumeric(field)) {
                    long n;
                    try {
                        n = p.getLongValue();
                    } catch (InputCoercionException e) {
                        throw new Rejection(LineFields.name(field) + " is out of range", f.format);
                    }
                    f.number(field, n);
                } else {
                    f.text(field, p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
                }
            }
            case VALUE_NUMBER_FLOAT -> {
                if (LineFields.isNumeric(field)) {
                    throw new Rejection(LineFields.name(field) + " is not an integer", f.format);
                }
                f.text(field, p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
            }
            case VALUE_NULL -> f.clear(field);
            case START_OBJECT -> throw wrongType(field, "an object", f);
            case START_ARRAY -> throw wrongType(field, "an array", f);
            default -> throw wrongType(field, "a boolean", f);
        }
    }

    private static Rejection wrongType(int field, String type, LineFields f) {
        String expected = LineFields.isNumeric(field) ? "a number" : "a string";
        return new Rejection(LineFields.name(field) + " is " + type + ", expected " + expected, f.format);
    }

    private static void readTime(JsonParser p, JsonToken v, String key, Envelope env) throws IOException {
        if (v != JsonToken.VALUE_STRING && v != JsonToken.VALUE_NUMBER_FLOAT && v != JsonToken.VALUE_NUMBER_INT) {
            p.skipChildren();
            return;
        }
        // The runtime's write time (docker "time", Vector "timestamp") is closer to the line than the time the
        // Kafka output added ("@timestamp").
        if (env.time == null || !key.equals("@timestamp")) {
            env.time = p.getText();
            env.timeKey = key;
            env.timeIsNumber = v != JsonToken.VALUE_STRING;
        }
        if (key.equals("@timestamp")) {
            env.fluentBitKeys = true;
        }
    }

    private static Instant envelopeTime(Envelope env, String format) {
        if (env.time == null) {
            return null;
        }
        char[] c = env.time.toCharArray();
        Instant t = Timestamps.parse(c, 0, c.length);
        if (t == null) {
            t = Timestamps.parseEpochSeconds(c, 0, c.length);
        }
        if (t == null) {
            throw new Rejection("unparseable envelope time in " + env.timeKey, format);
        }
        return t;
    }

    private static void readKubernetes(JsonParser p, Envelope env) throws IOException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken v = p.nextToken();
            if (v == JsonToken.START_OBJECT && (name.equals("labels") || name.equals("pod_labels"))) {
                env.labels = readWorkloadLabels(p);
                continue;
            }
            if (v != JsonToken.VALUE_STRING) {
                p.skipChildren();
                continue;
            }
            switch (name) {
                case "pod_name" -> env.podName = p.getText();
                case "namespace_name" -> {
                    env.namespace = p.getText();
                    env.fluentBitKeys = true;
                }
                case "pod_namespace" -> {
                    env.namespace = p.getText();
                    env.vectorKeys = true;
                }
                case "pod_id", "pod_uid" -> env.uid = p.getText();
                case "host", "pod_node_name" -> env.node = p.getText();
                case "pod_ip" -> env.ip = p.getText();
                case "container_name" -> env.container = p.getText();
                default -> {
                }
            }
        }
    }

    /** Only the labels that identify a workload; everything else (and every annotation) is dropped. */
    private static Map<String, String> readWorkloadLabels(JsonParser p) throws IOException {
        Map<String, String> labels = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken v = p.nextToken();
            if (v == JsonToken.VALUE_STRING && isWorkloadLabel(name)) {
                if (labels == null) {
                    labels = new HashMap<>(8);
                }
                labels.put(name, p.getText());
            } else {
                p.skipChildren();
            }
        }
        return labels;
    }

    private static boolean isWorkloadLabel(String name) {
        return switch (name) {
            case "app", "version", "service.istio.io/canonical-name", "service.istio.io/canonical-revision",
                 "app.kubernetes.io/name", "app.kubernetes.io/version", "pod-template-hash" -> true;
            default -> false;
        };
    }

    private static int fieldId(String name) {
        return switch (name) {
            case "start_time" -> LineFields.START_TIME;
            case "method" -> LineFields.METHOD;
            case "path" -> LineFields.PATH;
            case "protocol" -> LineFields.PROTOCOL;
            case "response_code" -> LineFields.RESPONSE_CODE;
            case "response_flags" -> LineFields.RESPONSE_FLAGS;
            case "response_code_details" -> LineFields.RESPONSE_CODE_DETAILS;
            case "connection_termination_details" -> LineFields.CONNECTION_TERMINATION_DETAILS;
            case "upstream_transport_failure_reason" -> LineFields.UPSTREAM_TRANSPORT_FAILURE_REASON;
            case "bytes_received" -> LineFields.BYTES_RECEIVED;
            case "bytes_sent" -> LineFields.BYTES_SENT;
            case "duration" -> LineFields.DURATION;
            case "upstream_service_time" -> LineFields.UPSTREAM_SERVICE_TIME;
            case "request_id" -> LineFields.REQUEST_ID;
            case "authority" -> LineFields.AUTHORITY;
            case "upstream_host" -> LineFields.UPSTREAM_HOST;
            case "upstream_cluster" -> LineFields.UPSTREAM_CLUSTER;
            case "upstream_local_address" -> LineFields.UPSTREAM_LOCAL_ADDRESS;
            case "downstream_local_address" -> LineFields.DOWNSTREAM_LOCAL_ADDRESS;
            case "downstream_remote_address" -> LineFields.DOWNSTREAM_REMOTE_ADDRESS;
            case "requested_server_name" -> LineFields.REQUESTED_SERVER_NAME;
            case "route_name" -> LineFields.ROUTE_NAME;
            case "user_agent", "x_forwarded_for" -> LineFields.IGNORED;
            default -> -1;
        };
    }

    /** Jackson's own messages quote the input, so only the kind of failure and its offset are kept. */
    static Rejection jsonFailure(IOException e, String format) {
        long at = -1;
        if (e instanceof com.fasterxml.jackson.core.JsonProcessingException jpe && jpe.getLocation() != null) {
            at = jpe.getLocation().getByteOffset() >= 0 ? jpe.getLocation().getByteOffset()
                    : jpe.getLocation().getCharOffset();
        }
        String where = at >= 0 ? " at offset " + at : "";
        String message = e.getMessage() == null ? "" : e.getMessage();
        if (e instanceof StreamConstraintsException) {
            if (message.contains("nesting depth")) {
                return new Rejection("JSON nesting deeper than " + MAX_NESTING_DEPTH + " levels", format);
            }
            return new Rejection("JSON exceeds a parser limit" + where, format);
        }
        if (e instanceof JsonEOFException) {
            return new Rejection("truncated JSON: input ends inside a value" + where, format);
        }
        if (e instanceof CharConversionException || message.startsWith("Invalid UTF-8")) {
            return new Rejection("invalid UTF-8 in JSON" + where, format);
        }
        return new Rejection("malformed JSON" + where, format);
    }
}

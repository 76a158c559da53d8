package io.resetwatch.parse;

import io.resetwatch.model.AccessLogRecord;
import io.resetwatch.model.ReportingPod;

import java.time.Instant;

/**
 * The access-log fields of one record as read from the line (TEXT or JSON), before normalization. One is
 * created per parse call and never shared. Values are set from character ranges so that query strings and
 * free-text headers never become Strings at all.
 */
final class LineFields {

    static final int START_TIME = 0;
    static final int METHOD = 1;
    static final int PATH = 2;
    static final int PROTOCOL = 3;
    static final int RESPONSE_CODE = 4;
    static final int RESPONSE_FLAGS = 5;
    static final int RESPONSE_CODE_DETAILS = 6;
    static final int CONNECTION_TERMINATION_DETAILS = 7;
    static final int UPSTREAM_TRANSPORT_FAILURE_REASON = 8;
    static final int BYTES_RECEIVED = 9;
    static final int BYTES_SENT = 10;
    static final int DURATION = 11;
    static final int UPSTREAM_SERVICE_TIME = 12;
    static final int REQUEST_ID = 13;
    static final int AUTHORITY = 14;
    static final int UPSTREAM_HOST = 15;
    static final int UPSTREAM_CLUSTER = 16;
    static final int UPSTREAM_LOCAL_ADDRESS = 17;
    static final int DOWNSTREAM_LOCAL_ADDRESS = 18;
    static final int DOWNSTREAM_REMOTE_ADDRESS = 19;
    static final int REQUESTED_SERVER_NAME = 20;
    static final int ROUTE_NAME = 21;
    /** Read but deliberately not kept (free text, may identify users). */
    static final int IGNORED = 22;

    private static final String[] NAMES = {"start_time", "method", "path", "protocol", "response_code",
            "response_flags", "response_code_details", "connection_termination_details",
            "upstream_transport_failure_reason", "bytes_received", "bytes_sent", "duration", "upstream_service_time",
            "request_id", "authority", "upstream_host", "upstream_cluster", "upstream_local_address",
            "downstream_local_address", "downstream_remote_address", "requested_server_name", "route_name", "ignored"};

    private static final String CONNECT_ORIGINATE = "envoy://connect_originate/";
    private static final byte[] CONNECT_ORIGINATE_BYTES =
            CONNECT_ORIGINATE.getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private final Vocabulary vocabulary;
    /** Detected line layout, used in rejection reasons. */
    String format;
    /** Time from a CRI or {@code docker compose logs -t} prefix in front of a TEXT line. */
    Instant prefixTime;
    /** A typed-JSON numeric key arrived as a string: the line is string-valued JSON. */
    boolean numbersAsStrings;
    /** How many access-log keys a JSON object carried. */
    int jsonKeys;

    Instant startTime;
    String method;
    String path;
    String protocol;
    int responseCode = -1;
    String responseFlags;
    String responseCodeDetails;
    String connectionTerminationDetails;
    String upstreamTransportFailureReason;
    Long bytesReceived;
    Long bytesSent;
    Long duration;
    Long upstreamServiceTime;
    String requestId;
    String authority;
    String upstreamHost;
    String upstreamCluster;
    String upstreamLocalAddress;
    String downstreamLocalAddress;
    String downstreamRemoteAddress;
    String requestedServerName;
    String routeName;

    LineFields(Vocabulary vocabulary, String format) {
        this.vocabulary = vocabulary;
        this.format = format;
    }

    static String name(int field) {
        return NAMES[field];
    }

    /** Sets a field from its logged text; {@code -} and empty mean unset. */
    void text(int field, char[] c, int off, int len) {
        if (field == IGNORED) {
            return;
        }
        if (len == 0 || (len == 1 && c[off] == '-')) {
            clear(field);
            return;
        }
        switch (field) {
            case START_TIME -> {
                startTime = Timestamps.parse(c, off, len);
                if (startTime == null) {
                    throw new Rejection("unparseable start_time (expected RFC 3339 UTC)", format);
                }
            }
            case RESPONSE_CODE -> {
                long code = digits(field, c, off, len);
                if (code > 999) {
                    throw new Rejection("response_code out of range 0-999", format);
                }
                responseCode = (int) code;
            }
            case BYTES_RECEIVED -> bytesReceived = digits(field, c, off, len);
            case BYTES_SENT -> bytesSent = digits(field, c, off, len);
            case DURATION -> duration = digits(field, c, off, len);
            case UPSTREAM_SERVICE_TIME -> upstreamServiceTime = digits(field, c, off, len);
            case PATH -> path = pathWithoutQuery(c, off, len);
            case AUTHORITY -> authority = authorityWithoutUserinfo(c, off, len);
            case REQUEST_ID -> requestId = new String(c, off, len);
            case DOWNSTREAM_REMOTE_ADDRESS -> downstreamRemoteAddress = new String(c, off, len);
            case UPSTREAM_LOCAL_ADDRESS -> upstreamLocalAddress = new String(c, off, len);
            case UPSTREAM_HOST -> upstreamHost = upstreamHostWithoutPrefix(c, off, len);
            default -> setInterned(field, vocabulary.strings.intern(c, off, len));
        }
    }

    /**
     * Sets a field from the raw bytes of a JSON string without escapes (valid UTF-8): the same rules as
     * {@link #text(int, char[], int, int)}, but repeating values are found by their bytes, so they cost no
     * String and no decoding.
     */
    void text(int field, byte[] b, int off, int len) {
        if (field == IGNORED) {
            return;
        }
        if (len == 0 || (len == 1 && b[off] == '-')) {
            clear(field);
            return;
        }
        switch (field) {
            case START_TIME, RESPONSE_CODE, BYTES_RECEIVED, BYTES_SENT, DURATION, UPSTREAM_SERVICE_TIME -> {
                // Short ASCII values: a non-ASCII byte widens to a char that is no digit, so it still fails.
                char[] c = new char[len];
                for (int i = 0; i < len; i++) {
                    c[i] = (char) (b[off + i] & 0xff);
                }
                text(field, c, 0, len);
            }
            case PATH -> {
                int end = off + len;
                for (int i = off; i < end; i++) {
                    if (b[i] == '?' || b[i] == '#') {
                        end = i;
                        break;
                    }
                }
                path = end == off ? null : vocabulary.strings.intern(b, off, end - off);
            }
            case AUTHORITY -> {
                int start = off;
                for (int i = off + len - 1; i >= off; i--) {
                    if (b[i] == '@') {
                        start = i + 1;
                        break;
                    }
                }
                int n = off + len - start;
                authority = n == 0 ? null : vocabulary.strings.intern(b, start, n);
            }
            case REQUEST_ID -> requestId = new String(b, off, len, java.nio.charset.StandardCharsets.UTF_8);
            case DOWNSTREAM_REMOTE_ADDRESS ->
                    downstreamRemoteAddress = new String(b, off, len, java.nio.charset.StandardCharsets.UTF_8);
            case UPSTREAM_LOCAL_ADDRESS ->
                    upstreamLocalAddress = new String(b, off, len, java.nio.charset.StandardCharsets.UTF_8);
            case UPSTREAM_HOST -> {
                int p = CONNECT_ORIGINATE_BYTES.length;
                if (len > p && b[off] == 'e'
                        && java.util.Arrays.equals(CONNECT_ORIGINATE_BYTES, 0, p, b, off, off + p)) {
                    off += p;
                    len -= p;
                }
                upstreamHost = vocabulary.strings.intern(b, off, len);
            }
            default -> setInterned(field, vocabulary.strings.intern(b, off, len));
        }
    }

    /** Sets a field from a typed JSON integer. */
    void number(int field, long value) {
        switch (field) {
            case RESPONSE_CODE -> {
                if (value < 0 || value > 999) {
                    throw new Rejection("response_code out of range 0-999", format);
                }
                responseCode = (int) value;
            }
            case BYTES_RECEIVED -> bytesReceived = nonNegative(field, value);
            case BYTES_SENT -> bytesSent = nonNegative(field, value);
            case DURATION -> duration = nonNegative(field, value);
            case UPSTREAM_SERVICE_TIME -> upstreamServiceTime = nonNegative(field, value);
            case IGNORED -> {
            }
            default -> {
                char[] digits = Long.toString(value).toCharArray();
                text(field, digits, 0, digits.length);
            }
        }
    }

    static boolean isNumeric(int field) {
        return field == RESPONSE_CODE || field == BYTES_RECEIVED || field == BYTES_SENT || field == DURATION
                || field == UPSTREAM_SERVICE_TIME;
    }

    void clear(int field) {
        switch (field) {
            case IGNORED -> {
            }
            case START_TIME -> startTime = null;
            case RESPONSE_CODE -> responseCode = -1;
            case BYTES_RECEIVED -> bytesReceived = null;
            case BYTES_SENT -> bytesSent = null;
            case DURATION -> duration = null;
            case UPSTREAM_SERVICE_TIME -> upstreamServiceTime = null;
            case PATH -> path = null;
            case AUTHORITY -> authority = null;
            case REQUEST_ID -> requestId = null;
            case DOWNSTREAM_REMOTE_ADDRESS -> downstreamRemoteAddress = null;
            case UPSTREAM_LOCAL_ADDRESS -> upstreamLocalAddress = null;
            case UPSTREAM_HOST -> upstreamHost = null;
            default -> setInterned(field, null);
        }
    }

    private void setInterned(int field, String value) {
        switch (field) {
            case METHOD -> method = value;
            case PROTOCOL -> protocol = value;
            case RESPONSE_FLAGS -> responseFlags = value;
            case RESPONSE_CODE_DETAILS -> responseCodeDetails = value;
            case CONNECTION_TERMINATION_DETAILS -> connectionTerminationDetails = value;
            case UPSTREAM_TRANSPORT_FAILURE_REASON -> upstreamTransportFailureReason = value;
            case UPSTREAM_CLUSTER -> upstreamCluster = value;
            case DOWNSTREAM_LOCAL_ADDRESS -> downstreamLocalAddress = value;
            case REQUESTED_SERVER_NAME -> requestedServerName = value;
            case ROUTE_NAME -> routeName = value;
            default -> throw new IllegalArgumentException("not a text field: " + field);
        }
    }

    private long digits(int field, char[] c, int off, int len) {
        if (len > 18) {
            throw new Rejection(NAMES[field] + " is not a number in " + format + " layout", format);
        }
        long v = 0;
        for (int i = off; i < off + len; i++) {
            int d = c[i] - '0';
            if (d < 0 || d > 9) {
                throw new Rejection(NAMES[field] + " is not a number in " + format + " layout", format);
            }
            v = v * 10 + d;
        }
        return v;
    }

    private long nonNegative(int field, long value) {
        if (value < 0) {
            throw new Rejection(NAMES[field] + " is negative", format);
        }
        return value;
    }

    /** The query string is cut before any String exists: it may carry tokens (CONVENTIONS, security). */
    private String pathWithoutQuery(char[] c, int off, int len) {
        int end = off + len;
        for (int i = off; i < end; i++) {
            if (c[i] == '?' || c[i] == '#') {
                end = i;
                break;
            }
        }
        return end == off ? null : vocabulary.strings.intern(c, off, end - off);
    }

    /** {@code user:password@host} keeps only the host. */
    private String authorityWithoutUserinfo(char[] c, int off, int len) {
        int start = off;
        for (int i = off + len - 1; i >= off; i--) {
            if (c[i] == '@') {
                start = i + 1;
                break;
            }
        }
        int n = off + len - start;
        return n == 0 ? null : vocabulary.strings.intern(c, start, n);
    }

    private String upstreamHostWithoutPrefix(char[] c, int off, int len) {
        int p = CONNECT_ORIGINATE.length();
        if (len > p && c[off] == 'e' && CONNECT_ORIGINATE.contentEquals(java.nio.CharBuffer.wrap(c, off, p))) {
            off += p;
            len -= p;
        }
        return vocabulary.strings.intern(c, off, len);
    }

    /** The IP of {@code IP:port}, {@code [v6]:port} or a bare IP; null when it is not an address. */
    static String hostIp(String host) {
        if (host == null) {
            return null;
        }
        String ip;
        if (host.startsWith("[")) {
            int close = host.indexOf(']');
            ip = close > 1 ? host.substring(1, close) : null;
        } else {
            int colon = host.indexOf(':');
            if (colon < 0) {
                ip = host;
            } else if (host.indexOf(':', colon + 1) < 0) {
                ip = host.substring(0, colon);
            } else {
                ip = host; // bare IPv6
            }
        }
        if (ip == null || ip.isEmpty()) {
            return null;
        }
        boolean digit = false;
        for (int i = 0; i < ip.length(); i++) {
            char ch = ip.charAt(i);
            boolean hex = (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f') || (ch >= 'A' && ch <= 'F');
            if (!hex && ch != '.' && ch != ':') {
                return null;
            }
            digit |= ch >= '0' && ch <= '9';
        }
        return digit ? ip : null;
    }

    /**
     * Builds the record (CONTRACTS §2): end = start + duration; without a START_TIME the envelope time, else
     * the record timestamp, is taken as the end and start derived from it.
     */
    AccessLogRecord toRecord(String envelope, ReportingPod reporter, Instant envelopeTime, long recordTimestampMs) {
        if (responseCode < 0) {
            throw new Rejection("no response_code in " + format + " record", format);
        }
        long durationMs = duration == null ? 0 : duration;
        Instant start;
        Instant end;
        String timeSource;
        if (startTime != null) {
            start = startTime;
            end = durationMs == 0 ? start : start.plusMillis(durationMs);
            timeSource = "line";
        } else {
            if (envelopeTime != null) {
                end = envelopeTime;
                timeSource = "envelope";
            } else {
                end = Instant.ofEpochMilli(recordTimestampMs);
                timeSource = "record";
            }
            start = durationMs == 0 ? end : end.minusMillis(durationMs);
        }
        return new AccessLogRecord(format, envelope, start, end, timeSource, method, authority, path, protocol,
                responseCode,
                responseFlags == null ? java.util.List.of() : vocabulary.flags.get(responseFlags),
                responseCodeDetails == null ? null : vocabulary.details.get(responseCodeDetails),
                connectionTerminationDetails, upstreamTransportFailureReason, bytesReceived, bytesSent, duration,
                upstreamServiceTime, requestId, upstreamHost,
                upstreamHost == null ? null : vocabulary.hostIps.get(upstreamHost),
                upstreamCluster == null ? null : vocabulary.clusters.get(upstreamCluster), upstreamLocalAddress,
                downstreamLocalAddress, downstreamRemoteAddress, requestedServerName, routeName, reporter);
    }
}

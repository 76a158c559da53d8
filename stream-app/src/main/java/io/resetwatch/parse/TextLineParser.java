package io.resetwatch.parse;

import java.time.Instant;

/**
 * Reads an Envoy/Istio TEXT access-log line in one pass (DOMAIN §3.1, §3.2): {@code [...]} (first token only)
 * and {@code "..."} are atomic tokens, everything else splits on blanks. The layout is recognised by what
 * follows the response flags: a number (pre-1.0 Istio, Envoy's default without details), two quoted tokens
 * (Istio ≤ 1.7), one quoted token (1.8), a bare token then a number (standalone Envoy with details), or a bare
 * token, a bare token and a quoted one (1.9+).
 *
 * <p>Known prefixes that pipelines and pastes put in front of a line are removed first: the CRI log prefix
 * ({@code <time> stdout F }), {@code docker compose logs -t} ({@code <service> | <time> }), and comment or table
 * markers ({@code #}, {@code >   | }). Stateless, so safe to share.
 */
final class TextLineParser {

    static final String ISTIO_1_9 = "istio-text-1.9";
    static final String ISTIO_1_8 = "istio-text-1.8";
    static final String ISTIO_LEGACY_1_7 = "istio-text-legacy-1.7";
    static final String ISTIO_PRE_1_0 = "istio-text-pre1.0";
    static final String ENVOY = "envoy-text";

    static final String SKIP_EMPTY = "empty";
    static final String SKIP_ENVOY_LOG = "envoy_application_log";

    private static final byte BARE = 0;
    private static final byte QUOTED = 1;
    private static final byte BRACKETED = 2;
    private static final int MAX_TOKENS = 40;
    /** The bare fields after {@code "%UPSTREAM_HOST%"} in Istio layouts from 1.5 on. */
    private static final int[] TAIL = {LineFields.UPSTREAM_CLUSTER, LineFields.UPSTREAM_LOCAL_ADDRESS,
            LineFields.DOWNSTREAM_LOCAL_ADDRESS, LineFields.DOWNSTREAM_REMOTE_ADDRESS,
            LineFields.REQUESTED_SERVER_NAME, LineFields.ROUTE_NAME};

    /** Token boundaries of the line being read; per thread, since a parser is shared by stream threads. */
    private static final class Tokens {
        final int[] starts = new int[MAX_TOKENS];
        final int[] ends = new int[MAX_TOKENS];
        final byte[] kinds = new byte[MAX_TOKENS];
    }

    private static final ThreadLocal<Tokens> TOKENS = ThreadLocal.withInitial(Tokens::new);

    /**
     * Fills {@code f} from the line in {@code c[from, to)}. Returns null when the line is an access log, or a
     * skip reason for a well-formed line that is not one; throws {@link Rejection} otherwise.
     */
    String parse(char[] c, int from, int to, LineFields f) {
        int end = to;
        while (end > from && c[end - 1] <= ' ') {
            end--;
        }
        int pos = stripPrefixes(c, from, end, f);
        if (pos < 0) {
            return SKIP_ENVOY_LOG;
        }
        if (pos >= end) {
            return SKIP_EMPTY;
        }
        if (c[pos] == '[') {
            int close = indexOf(c, ']', pos + 1, end);
            if (close > 0 && close + 1 < end && c[close + 1] == '[') {
                return SKIP_ENVOY_LOG; // [2024-07-20 07:05:54.173][1][info][main] ...
            }
        }
        Tokens t = TOKENS.get();
        int n = tokenize(c, pos, end, t.starts, t.ends, t.kinds);
        readLayout(c, t.starts, t.ends, t.kinds, n, f);
        return null;
    }

    /** Returns where the line proper starts, or -1 when the line is a proxy's own log line. */
    private static int stripPrefixes(char[] c, int from, int end, LineFields f) {
        int pos = from;
        for (int round = 0; round < 8; round++) {
            pos = skipBlanks(c, pos, end);
            if (pos >= end) {
                return pos;
            }
            char ch = c[pos];
            if (ch == '[' || ch == '"') {
                return pos;
            }
            if (ch == '#' || ch == '>' || ch == '|') {
                pos++;
                continue;
            }
            int wordEnd = wordEnd(c, pos, end);
            Instant time = ch >= '0' && ch <= '9' ? Timestamps.parse(c, pos, wordEnd - pos) : null;
            if (time != null) {
                int next = skipBlanks(c, wordEnd, end);
                int nextEnd = wordEnd(c, next, end);
                if (isWord(c, next, nextEnd, "stdout") || isWord(c, next, nextEnd, "stderr")) {
                    // CRI: <time> <stream> <F|P> <line>
                    int tag = skipBlanks(c, nextEnd, end);
                    int tagEnd = wordEnd(c, tag, end);
                    if (tagEnd - tag == 1 && (c[tag] == 'F' || c[tag] == 'P')) {
                        nextEnd = tagEnd;
                    }
                    f.prefixTime = time;
                    pos = nextEnd;
                    continue;
                }
                if (isLogLevel(c, next, nextEnd)) {
                    return -1; // 2024-06-18T10:19:42.614Z	warning	envoy config	...
                }
                f.prefixTime = time; // the time written by `docker compose logs -t` (or a similar prefix)
                pos = wordEnd;
                continue;
            }
            int afterWord = skipBlanks(c, wordEnd, end);
            if (afterWord < end && c[afterWord] == '|') {
                pos = afterWord + 1; // `docker compose logs`: "<service>   | "
                continue;
            }
            return pos;
        }
        return pos;
    }

    private static int tokenize(char[] c, int pos, int end, int[] starts, int[] ends, byte[] kinds) {
        int n = 0;
        while (n < MAX_TOKENS) {
            pos = skipBlanks(c, pos, end);
            if (pos >= end) {
                break;
            }
            char ch = c[pos];
            if (ch == '"') {
                int close = indexOf(c, '"', pos + 1, end);
                if (close < 0) {
                    throw new Rejection("unterminated quoted field in TEXT line (token " + (n + 1) + ")", "text");
                }
                starts[n] = pos + 1;
                ends[n] = close;
                kinds[n++] = QUOTED;
                pos = close + 1;
            } else if (ch == '[' && n == 0) {
                int close = indexOf(c, ']', pos + 1, end);
                if (close < 0) {
                    throw new Rejection("unterminated [START_TIME] in TEXT line", "text");
                }
                starts[n] = pos + 1;
                ends[n] = close;
                kinds[n++] = BRACKETED;
                pos = close + 1;
            } else {
                int e = wordEnd(c, pos, end);
                starts[n] = pos;
                ends[n] = e;
                kinds[n++] = BARE;
                pos = e;
            }
        }
        return n;
    }

    private static void readLayout(char[] c, int[] s, int[] e, byte[] k, int n, LineFields f) {
        int i = 0;
        if (n > 0 && k[0] == BRACKETED) {
            f.format = "text";
            f.text(LineFields.START_TIME, c, s[0], e[0] - s[0]);
            i = 1;
        }
        if (i >= n || k[i] != QUOTED) {
            throw new Rejection("not an access-log line: expected [START_TIME] or a quoted \"METHOD PATH PROTOCOL\"",
                    "unknown");
        }
        if (i + 3 >= n) {
            throw new Rejection("TEXT line ends before the fields that follow the response flags", "text");
        }
        int t3 = i + 3;
        String format;
        int rx;
        boolean hasCluster;
        int details = -1;
        int termination = -1;
        int transport = -1;
        if (k[t3] == QUOTED) {
            if (t3 + 1 < n && k[t3 + 1] == QUOTED) {
                format = ISTIO_LEGACY_1_7; // "<mixer status>" "<transport failure>"
                transport = t3 + 1;
                rx = t3 + 2;
            } else {
                format = ISTIO_1_8;
                transport = t3;
                rx = t3 + 1;
            }
            hasCluster = true;
        } else if (k[t3] == BARE && isDigits(c, s[t3], e[t3])) {
            format = ISTIO_PRE_1_0;
            rx = t3;
            hasCluster = false;
        } else if (k[t3] == BARE && t3 + 2 < n && k[t3 + 1] == BARE && k[t3 + 2] == QUOTED) {
            format = ISTIO_1_9;
            details = t3;
            termination = t3 + 1;
            transport = t3 + 2;
            rx = t3 + 3;
            hasCluster = true;
        } else if (k[t3] == BARE && t3 + 1 < n && k[t3 + 1] == BARE && isDigits(c, s[t3 + 1], e[t3 + 1])) {
            format = ENVOY;
            details = t3;
            rx = t3 + 1;
            hasCluster = false;
        } else {
            throw new Rejection("TEXT line matches no known layout after the response flags", "text");
        }
        f.format = format;
        int host = rx + 8;
        if (host >= n) {
            throw new Rejection(format + " line ends before upstream_host (" + n + " fields)", format);
        }

        request(c, s[i], e[i], f);
        bare(c, s, e, k, i + 1, LineFields.RESPONSE_CODE, f);
        bare(c, s, e, k, i + 2, LineFields.RESPONSE_FLAGS, f);
        if (details >= 0) {
            bare(c, s, e, k, details, LineFields.RESPONSE_CODE_DETAILS, f);
        }
        if (termination >= 0) {
            bare(c, s, e, k, termination, LineFields.CONNECTION_TERMINATION_DETAILS, f);
        }
        if (transport >= 0) {
            quoted(c, s, e, k, transport, LineFields.UPSTREAM_TRANSPORT_FAILURE_REASON, f);
        }
        bare(c, s, e, k, rx, LineFields.BYTES_RECEIVED, f);
        bare(c, s, e, k, rx + 1, LineFields.BYTES_SENT, f);
        bare(c, s, e, k, rx + 2, LineFields.DURATION, f);
        bare(c, s, e, k, rx + 3, LineFields.UPSTREAM_SERVICE_TIME, f);
        quoted(c, s, e, k, rx + 4, LineFields.IGNORED, f); // X-FORWARDED-FOR: not kept
        quoted(c, s, e, k, rx + 5, LineFields.IGNORED, f); // USER-AGENT: not kept
        quoted(c, s, e, k, rx + 6, LineFields.REQUEST_ID, f);
        quoted(c, s, e, k, rx + 7, LineFields.AUTHORITY, f);
        quoted(c, s, e, k, host, LineFields.UPSTREAM_HOST, f);
        if (hasCluster) {
            // Everything after the upstream host is optional: pastes and truncating shippers cut lines here.
            for (int t = 0; t < TAIL.length && host + 1 + t < n; t++) {
                bare(c, s, e, k, host + 1 + t, TAIL[t], f);
            }
        }
    }

    /** {@code METHOD PATH PROTOCOL}; {@code - - -} on TCP lines. */
    private static void request(char[] c, int start, int end, LineFields f) {
        int first = indexOf(c, ' ', start, end);
        int last = lastIndexOf(c, ' ', start, end);
        if (first < 0 || first == last) {
            throw new Rejection("request field is not \"METHOD PATH PROTOCOL\" in " + f.format + " line", f.format);
        }
        f.text(LineFields.METHOD, c, start, first - start);
        f.text(LineFields.PATH, c, first + 1, last - first - 1);
        f.text(LineFields.PROTOCOL, c, last + 1, end - last - 1);
    }

    private static void bare(char[] c, int[] s, int[] e, byte[] k, int t, int field, LineFields f) {
        if (k[t] != BARE) {
            throw new Rejection(LineFields.name(field) + " is quoted where " + f.format + " has a bare field",
                    f.format);
        }
        f.text(field, c, s[t], e[t] - s[t]);
    }

    private static void quoted(char[] c, int[] s, int[] e, byte[] k, int t, int field, LineFields f) {
        if (k[t] != QUOTED) {
            String name = field == LineFields.IGNORED ? "a request header" : LineFields.name(field);
            throw new Rejection(name + " is not quoted where " + f.format + " has a quoted field", f.format);
        }
        f.text(field, c, s[t], e[t] - s[t]);
    }

    private static boolean isLogLevel(char[] c, int start, int end) {
        return isWord(c, start, end, "info") || isWord(c, start, end, "warning") || isWord(c, start, end, "warn")
                || isWord(c, start, end, "error") || isWord(c, start, end, "debug")
                || isWord(c, start, end, "trace") || isWord(c, start, end, "critical")
                || isWord(c, start, end, "fatal");
    }

    private static boolean isWord(char[] c, int start, int end, String word) {
        if (end - start != word.length()) {
            return false;
        }
        for (int i = 0; i < word.length(); i++) {
            if (c[start + i] != word.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isDigits(char[] c, int start, int end) {
        if (start >= end) {
            return false;
        }
        for (int i = start; i < end; i++) {
            if (c[i] < '0' || c[i] > '9') {
                return false;
            }
        }
        return true;
    }

    private static int skipBlanks(char[] c, int pos, int end) {
        while (pos < end && (c[pos] == ' ' || c[pos] == '\t')) {
            pos++;
        }
        return pos;
    }

    private static int wordEnd(char[] c, int pos, int end) {
        while (pos < end && c[pos] != ' ' && c[pos] != '\t') {
            pos++;
        }
        return pos;
    }

    private static int indexOf(char[] c, char ch, int from, int end) {
        for (int i = from; i < end; i++) {
            if (c[i] == ch) {
                return i;
            }
        }
        return -1;
    }

    private static int lastIndexOf(char[] c, char ch, int from, int end) {
        for (int i = end - 1; i >= from; i--) {
            if (c[i] == ch) {
                return i;
            }
        }
        return -1;
    }
}

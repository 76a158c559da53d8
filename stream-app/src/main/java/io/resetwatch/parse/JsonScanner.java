package io.resetwatch.parse;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * A single-pass cursor over JSON text held in a byte array (RFC 8259, UTF-8). It validates as it goes and
 * hands out byte ranges instead of Strings: the caller decides which values become objects. Strings are
 * scanned once (quote, escapes, control characters, strict UTF-8) and decoded only on request; numbers are read
 * exactly from their digits; values the caller does not want are skipped whatever their type, without recursion.
 *
 * <p>Limits follow Jackson's defaults so that the reasons stay the same as before: nesting of at most
 * {@value #MAX_DEPTH} containers, numbers of at most {@value #MAX_NUMBER_LENGTH} characters and keys of at most
 * {@value #MAX_NAME_LENGTH} bytes. Every failure is a {@link Rejection} whose reason names the kind of fault and
 * its offset, never the bytes. One instance per value; not thread-safe.
 */
final class JsonScanner {

    static final int MAX_DEPTH = 64;
    static final int MAX_NUMBER_LENGTH = 1000;
    static final int MAX_NAME_LENGTH = 50_000;

    private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
    private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};
    private static final byte[] NULL = {'n', 'u', 'l', 'l'};

    private final byte[] buf;
    private final int end;
    /** Detected format for the reasons of syntax faults. */
    private final String format;
    private int pos;
    private int depth;

    private int stringStart;
    private int stringEnd;
    private boolean stringEscaped;

    private int numberStart;
    private boolean numberInteger;
    private boolean numberOverflows;
    private long numberValue;

    private char[] chars;
    private byte[] keyBytes;

    JsonScanner(byte[] buf, int from, int to, String format) {
        this.buf = buf;
        this.pos = from;
        this.end = to;
        this.format = format;
    }

    byte[] bytes() {
        return buf;
    }

    /** Skips JSON whitespace and returns the next byte (0-255), or -1 at the end of the input. */
    int peek() {
        while (pos < end) {
            byte b = buf[pos];
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return b & 0xff;
            }
            pos++;
        }
        return -1;
    }

    // ---------------------------------------------------------------- objects

    /** Consumes the {@code {} at the cursor. */
    void beginObject() {
        int b = peek();
        if (b != '{') {
            throw unexpected(b, "'{'");
        }
        pos++;
        enter();
    }

    /**
     * Moves to the next member of the object being read. Returns true with the cursor on the member's key, or
     * false after consuming the closing brace. {@code first}: no member of this object was read yet.
     */
    boolean nextMember(boolean first) {
        int b = peek();
        if (b == '}') {
            pos++;
            depth--;
            return false;
        }
        if (!first) {
            if (b != ',') {
                throw unexpected(b, "',' or '}'");
            }
            pos++;
            b = peek();
        }
        if (b != '"') {
            throw unexpected(b, "a key");
        }
        return true;
    }

    /** Reads the key at the cursor and its colon; returns its {@link JsonKeys} id, or -1 for any other key. */
    int readKey() {
        scanString();
        int len = stringEnd - stringStart;
        if (len > MAX_NAME_LENGTH) {
            throw new Rejection("JSON exceeds a parser limit at offset " + stringStart, format);
        }
        int id = stringEscaped ? lookupEscapedKey() : JsonKeys.lookup(buf, stringStart, len);
        int b = peek();
        if (b != ':') {
            throw unexpected(b, "':'");
        }
        pos++;
        return id;
    }

    /** A key written with escapes ({@code "\u0070ath"}) is still that key. */
    private int lookupEscapedKey() {
        int n = decodeString();
        if (n > JsonKeys.MAX_LENGTH) {
            return -1;
        }
        if (keyBytes == null) {
            keyBytes = new byte[JsonKeys.MAX_LENGTH];
        }
        for (int i = 0; i < n; i++) {
            if (chars[i] >= 0x80) {
                return -1; // every known key is ASCII
            }
            keyBytes[i] = (byte) chars[i];
        }
        return JsonKeys.lookup(keyBytes, 0, n);
    }

    /** Checks that nothing but whitespace follows the value just read. */
    void expectEnd(String reason, String reasonFormat) {
        if (peek() >= 0) {
            throw new Rejection(reason, reasonFormat);
        }
    }

    // ---------------------------------------------------------------- strings

    /**
     * Scans the string at the cursor (a {@code "}) to its closing quote, validating escapes, control characters
     * and UTF-8. Afterwards {@link #stringStart()}..{@link #stringEnd()} is the raw content between the quotes.
     */
    void scanString() {
        int i = pos + 1;
        boolean escaped = false;
        byte[] b = buf;
        int lastWord = end - 8;
        while (true) {
            if (i <= lastWord) {
                // Eight bytes at a time; the lowest flagged byte is the first that needs a look (SWAR).
                long special = specialBytes((long) LONGS.get(b, i));
                if (special == 0) {
                    i += 8;
                    continue;
                }
                i += Long.numberOfTrailingZeros(special) >>> 3;
            } else if (i >= end) {
                throw truncated();
            }
            byte c = b[i];
            if (c == '"') {
                break;
            } else if (c == '\\') {
                escaped = true;
                i = skipEscape(i);
            } else if (c < 0) {
                i = skipUtf8(i);
            } else if (c < 0x20) {
                throw malformed(i, "control character in a string");
            } else {
                i++; // a plain byte in the last few bytes of the input
            }
        }
        stringStart = pos + 1;
        stringEnd = i;
        stringEscaped = escaped;
        pos = i + 1;
    }

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    /**
     * The high bit of each byte of the word that is a quote, a backslash, a control character or non-ASCII.
     * Borrows may flag bytes above the first special one too, never below it, so the lowest flag is exact.
     */
    private static long specialBytes(long w) {
        long quote = w ^ (ONES * '"');
        long backslash = w ^ (ONES * '\\');
        return (((quote - ONES) & ~quote) | ((backslash - ONES) & ~backslash) | ((w - ONES * 0x20) & ~w) | w) & HIGHS;
    }

    int stringStart() {
        return stringStart;
    }

    int stringEnd() {
        return stringEnd;
    }

    int stringLength() {
        return stringEnd - stringStart;
    }

    /** Whether the last string holds escapes, i.e. its raw bytes are not its value. */
    boolean stringEscaped() {
        return stringEscaped;
    }

    private int skipEscape(int i) {
        if (i + 1 >= end) {
            throw truncated();
        }
        switch (buf[i + 1]) {
            case '"', '\\', '/', 'b', 'f', 'n', 'r', 't' -> {
                return i + 2;
            }
            case 'u' -> {
                if (i + 6 > end) {
                    throw truncated();
                }
                for (int k = i + 2; k < i + 6; k++) {
                    if (hex(buf[k]) < 0) {
                        throw malformed(i, "invalid \\u escape in a string");
                    }
                }
                return i + 6;
            }
            default -> throw malformed(i, "invalid escape in a string");
        }
    }

    /** Strict UTF-8 (RFC 3629): no overlong forms, no surrogates, nothing above U+10FFFF. */
    private int skipUtf8(int i) {
        int b0 = buf[i] & 0xff;
        int more;
        int lo = 0x80;
        int hi = 0xBF;
        if (b0 >= 0xC2 && b0 <= 0xDF) {
            more = 1;
        } else if (b0 >= 0xE0 && b0 <= 0xEF) {
            more = 2;
            if (b0 == 0xE0) {
                lo = 0xA0;
            } else if (b0 == 0xED) {
                hi = 0x9F;
            }
        } else if (b0 >= 0xF0 && b0 <= 0xF4) {
            more = 3;
            if (b0 == 0xF0) {
                lo = 0x90;
            } else if (b0 == 0xF4) {
                hi = 0x8F;
            }
        } else {
            throw invalidUtf8(i);
        }
        if (i + more >= end) {
            throw truncated();
        }
        int b1 = buf[i + 1] & 0xff;
        if (b1 < lo || b1 > hi) {
            throw invalidUtf8(i);
        }
        for (int k = 2; k <= more; k++) {
            if ((buf[i + k] & 0xC0) != 0x80) {
                throw invalidUtf8(i);
            }
        }
        return i + more + 1;
    }

    /** Decodes the last scanned string into {@link #chars()}; returns its length in chars. */
    int decodeString() {
        return decode(stringStart, stringEnd);
    }

    /**
     * Decodes the raw content of a string that {@link #scanString} validated into {@link #chars()}. Escaped
     * surrogate pairs ({@code \ud83d\ude00}) become the two UTF-16 chars they name, as Java strings hold them.
     */
    int decode(int from, int to) {
        char[] c = chars;
        if (c == null || c.length < to - from) {
            c = chars = new char[Math.max(64, to - from)];
        }
        byte[] b = buf;
        int n = 0;
        int i = from;
        while (i < to) {
            int x = b[i];
            if (x >= 0 && x != '\\') {
                c[n++] = (char) x;
                i++;
            } else if (x == '\\') {
                byte e = b[i + 1];
                i += 2;
                c[n++] = switch (e) {
                    case 'b' -> '\b';
                    case 'f' -> '\f';
                    case 'n' -> '\n';
                    case 'r' -> '\r';
                    case 't' -> '\t';
                    case 'u' -> {
                        char u = (char) (hex(b[i]) << 12 | hex(b[i + 1]) << 8 | hex(b[i + 2]) << 4 | hex(b[i + 3]));
                        i += 4;
                        yield u;
                    }
                    default -> (char) e; // " \ /
                };
            } else {
                int b0 = x & 0xff;
                if (b0 < 0xE0) {
                    c[n++] = (char) ((b0 & 0x1F) << 6 | (b[i + 1] & 0x3F));
                    i += 2;
                } else if (b0 < 0xF0) {
                    c[n++] = (char) ((b0 & 0x0F) << 12 | (b[i + 1] & 0x3F) << 6 | (b[i + 2] & 0x3F));
                    i += 3;
                } else {
                    int cp = (b0 & 0x07) << 18 | (b[i + 1] & 0x3F) << 12 | (b[i + 2] & 0x3F) << 6 | (b[i + 3] & 0x3F);
                    c[n++] = Character.highSurrogate(cp);
                    c[n++] = Character.lowSurrogate(cp);
                    i += 4;
                }
            }
        }
        return n;
    }

    /** The buffer that {@link #decode} fills; overwritten by the next decode. */
    char[] chars() {
        return chars;
    }

    private static int hex(byte b) {
        if (b >= '0' && b <= '9') {
            return b - '0';
        }
        if (b >= 'a' && b <= 'f') {
            return b - 'a' + 10;
        }
        if (b >= 'A' && b <= 'F') {
            return b - 'A' + 10;
        }
        return -1;
    }

    // ---------------------------------------------------------------- numbers and literals

    /**
     * Scans the number at the cursor ({@code -?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?}). An integer's value is
     * computed exactly, with overflow beyond a {@code long} noted rather than wrapped.
     */
    void scanNumber() {
        int i = pos;
        boolean negative = buf[i] == '-';
        if (negative) {
            i++;
        }
        if (i >= end) {
            throw truncated();
        }
        long v = 0; // accumulated negatively, so that Long.MIN_VALUE is reachable
        boolean overflows = false;
        byte c = buf[i];
        if (c == '0') {
            i++;
        } else if (c >= '1' && c <= '9') {
            while (i < end && (c = buf[i]) >= '0' && c <= '9') {
                int d = c - '0';
                if (v < -922_337_203_685_477_580L || (v == -922_337_203_685_477_580L && d > 8)) {
                    overflows = true;
                } else {
                    v = v * 10 - d;
                }
                i++;
            }
        } else {
            throw malformed(i, "invalid number");
        }
        boolean integer = true;
        if (i < end && buf[i] == '.') {
            integer = false;
            i = digits(i + 1);
        }
        if (i < end && (buf[i] == 'e' || buf[i] == 'E')) {
            integer = false;
            i++;
            if (i < end && (buf[i] == '+' || buf[i] == '-')) {
                i++;
            }
            i = digits(i);
        }
        if (i - pos > MAX_NUMBER_LENGTH) {
            throw new Rejection("JSON exceeds a parser limit at offset " + pos, format);
        }
        if (!negative && v == Long.MIN_VALUE) {
            overflows = true;
        }
        numberStart = pos;
        numberInteger = integer;
        numberOverflows = overflows;
        numberValue = negative ? v : -v;
        pos = i;
    }

    /** At least one digit from {@code i}; returns the index after the last. */
    private int digits(int i) {
        if (i >= end) {
            throw truncated();
        }
        if (buf[i] < '0' || buf[i] > '9') {
            throw malformed(i, "invalid number");
        }
        while (i < end && buf[i] >= '0' && buf[i] <= '9') {
            i++;
        }
        return i;
    }

    int numberStart() {
        return numberStart;
    }

    /** The number's text ends where the cursor now is. */
    int numberEnd() {
        return pos;
    }

    boolean numberInteger() {
        return numberInteger;
    }

    boolean numberOverflows() {
        return numberOverflows;
    }

    long numberValue() {
        return numberValue;
    }

    /** Consumes {@code null}, {@code true} or {@code false} at the cursor. */
    void literal() {
        byte[] word = switch (buf[pos]) {
            case 't' -> TRUE;
            case 'f' -> FALSE;
            default -> NULL;
        };
        for (int k = 0; k < word.length; k++) {
            if (pos + k >= end) {
                throw truncated();
            }
            if (buf[pos + k] != word[k]) {
                throw malformed(pos, "invalid literal");
            }
        }
        pos += word.length;
    }

    // ---------------------------------------------------------------- skipping

    /** Skips the value at the cursor, whatever its type; nested containers are walked without recursion. */
    void skipValue() {
        int b = peek();
        if (b == '{' || b == '[') {
            skipContainer();
        } else {
            skipScalar(b);
        }
    }

    private void skipScalar(int b) {
        if (b == '"') {
            scanString();
        } else if (b == '-' || (b >= '0' && b <= '9')) {
            scanNumber();
        } else if (b == 't' || b == 'f' || b == 'n') {
            literal();
        } else {
            throw unexpected(b, "a value");
        }
    }

    private void skipContainer() {
        long objectLevels = 0; // bit k: the container opened at level k is an object
        int level = 0;
        while (true) {
            // the cursor is on '{' or '['
            boolean object = buf[pos] == '{';
            pos++;
            enter();
            objectLevels = object ? objectLevels | 1L << level : objectLevels & ~(1L << level);
            level++;
            int b = peek();
            if (b == (object ? '}' : ']')) {
                pos++;
                depth--;
                level--;
            } else if (startElement(object)) {
                continue;
            }
            while (true) {
                if (level == 0) {
                    return;
                }
                boolean inObject = (objectLevels & 1L << (level - 1)) != 0;
                b = peek();
                if (b == ',') {
                    pos++;
                    if (startElement(inObject)) {
                        break;
                    }
                } else if (b == (inObject ? '}' : ']')) {
                    pos++;
                    depth--;
                    level--;
                } else {
                    throw unexpected(b, inObject ? "',' or '}'" : "',' or ']'");
                }
            }
        }
    }

    /** Reads an element's key (in an object) and a scalar value; true if the value is a container to open. */
    private boolean startElement(boolean inObject) {
        if (inObject) {
            int b = peek();
            if (b != '"') {
                throw unexpected(b, "a key");
            }
            scanString();
            if (stringEnd - stringStart > MAX_NAME_LENGTH) {
                throw new Rejection("JSON exceeds a parser limit at offset " + stringStart, format);
            }
            b = peek();
            if (b != ':') {
                throw unexpected(b, "':'");
            }
            pos++;
        }
        int b = peek();
        if (b == '{' || b == '[') {
            return true;
        }
        skipScalar(b);
        return false;
    }

    private void enter() {
        if (++depth > MAX_DEPTH) {
            throw new Rejection("JSON nesting deeper than " + MAX_DEPTH + " levels", format);
        }
    }

    // ---------------------------------------------------------------- faults

    /** The next byte is not what the grammar allows here. */
    Rejection unexpected(int b, String expected) {
        if (b < 0) {
            return truncated();
        }
        return malformed(pos, "expected " + expected);
    }

    private Rejection truncated() {
        return new Rejection("truncated JSON: input ends inside a value at offset " + end, format);
    }

    private Rejection malformed(int at, String what) {
        return new Rejection("malformed JSON at offset " + at + ": " + what, format);
    }

    private Rejection invalidUtf8(int at) {
        return new Rejection("invalid UTF-8 in JSON at offset " + at, format);
    }

    /** UTF-8 bytes of decoded chars, for a JSON line an agent left as a string; lone surrogates become U+FFFD. */
    static byte[] utf8(char[] c, int from, int to) {
        byte[] out = new byte[(to - from) * 3];
        int n = 0;
        for (int i = from; i < to; i++) {
            char ch = c[i];
            if (ch < 0x80) {
                out[n++] = (byte) ch;
            } else if (ch < 0x800) {
                out[n++] = (byte) (0xC0 | ch >> 6);
                out[n++] = (byte) (0x80 | ch & 0x3F);
            } else if (Character.isHighSurrogate(ch) && i + 1 < to && Character.isLowSurrogate(c[i + 1])) {
                int cp = Character.toCodePoint(ch, c[++i]);
                out[n++] = (byte) (0xF0 | cp >> 18);
                out[n++] = (byte) (0x80 | cp >> 12 & 0x3F);
                out[n++] = (byte) (0x80 | cp >> 6 & 0x3F);
                out[n++] = (byte) (0x80 | cp & 0x3F);
            } else {
                if (Character.isSurrogate(ch)) {
                    ch = '\uFFFD';
                }
                out[n++] = (byte) (0xE0 | ch >> 12);
                out[n++] = (byte) (0x80 | ch >> 6 & 0x3F);
                out[n++] = (byte) (0x80 | ch & 0x3F);
            }
        }
        return java.util.Arrays.copyOf(out, n);
    }
}

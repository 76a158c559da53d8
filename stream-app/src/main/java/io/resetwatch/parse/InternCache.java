package io.resetwatch.parse;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reuses the String for values that repeat across lines (methods, flags, details, cluster names, routes, pod
 * names), so the hot path does not allocate a new one each time. It is keyed by the value's characters or by
 * its raw UTF-8 bytes (JSON strings without escapes); an ASCII value hashes the same either way, so TEXT and
 * JSON lines share the entries. Fixed size, overwritten on collision, so memory stays bounded whatever the
 * input. Safe to share between threads: a slot holds an immutable entry, and a racing reader at worst misses
 * and creates its own.
 */
final class InternCache {

    private static final int MAX_INTERNED_LENGTH = 96;

    /** {@code ascii} is the value's bytes when it is ASCII (then byte lookups can match it), else null. */
    private record Entry(String value, byte[] ascii) {
    }

    private final Entry[] slots;
    private final int mask;

    InternCache(int sizePowerOfTwo) {
        slots = new Entry[sizePowerOfTwo];
        mask = sizePowerOfTwo - 1;
    }

    String intern(char[] c, int off, int len) {
        if (len > MAX_INTERNED_LENGTH) {
            return new String(c, off, len);
        }
        int slot = slot(hash(c, off, len));
        Entry cached = slots[slot];
        if (cached != null && sameChars(cached.value, c, off, len)) {
            return cached.value;
        }
        String created = new String(c, off, len);
        slots[slot] = new Entry(created, asciiBytes(c, off, len));
        return created;
    }

    /** The String of valid UTF-8 bytes {@code b[off, off+len)}. */
    String intern(byte[] b, int off, int len) {
        if (len > MAX_INTERNED_LENGTH) {
            return new String(b, off, len, StandardCharsets.UTF_8);
        }
        int slot = slot(hash(b, off, len));
        Entry cached = slots[slot];
        if (cached != null && cached.ascii != null && Arrays.equals(cached.ascii, 0, cached.ascii.length, b, off,
                off + len)) {
            return cached.value;
        }
        String created = new String(b, off, len, StandardCharsets.UTF_8);
        // One char per byte means every byte was ASCII: only then do chars and bytes agree.
        slots[slot] = new Entry(created, created.length() == len ? Arrays.copyOfRange(b, off, off + len) : null);
        return created;
    }

    private int slot(int h) {
        return (h ^ (h >>> 16)) & mask;
    }

    /** String.hashCode's polynomial, four characters per step so the multiplications overlap. */
    static int hash(char[] c, int off, int len) {
        int h = 0;
        int i = off;
        int end = off + len;
        for (; i + 3 < end; i += 4) {
            h = 923_521 * h + 29_791 * c[i] + 961 * c[i + 1] + 31 * c[i + 2] + c[i + 3];
        }
        for (; i < end; i++) {
            h = 31 * h + c[i];
        }
        return h;
    }

    /** The same hash over bytes: equal to {@link #hash(char[], int, int)} for ASCII. */
    static int hash(byte[] b, int off, int len) {
        int h = 0;
        int i = off;
        int end = off + len;
        for (; i + 3 < end; i += 4) {
            h = 923_521 * h + 29_791 * b[i] + 961 * b[i + 1] + 31 * b[i + 2] + b[i + 3];
        }
        for (; i < end; i++) {
            h = 31 * h + b[i];
        }
        return h;
    }

    private static byte[] asciiBytes(char[] c, int off, int len) {
        byte[] b = new byte[len];
        for (int i = 0; i < len; i++) {
            char ch = c[off + i];
            if (ch >= 0x80) {
                return null;
            }
            b[i] = (byte) ch;
        }
        return b;
    }

    private static boolean sameChars(String s, char[] c, int off, int len) {
        if (s.length() != len) {
            return false;
        }
        for (int i = 0; i < len; i++) {
            if (s.charAt(i) != c[off + i]) {
                return false;
            }
        }
        return true;
    }
}

package io.resetwatch.parse;

/**
 * Reuses the String for values that repeat across lines (methods, flags, details, cluster names, routes), so
 * the hot path does not allocate a new one each time. Fixed size, overwritten on collision, so memory stays
 * bounded whatever the input. Safe to share between threads: a slot holds an immutable String, and a racing
 * reader at worst misses and creates its own.
 */
final class InternCache {

    private static final int MAX_INTERNED_LENGTH = 96;

    private final String[] slots;
    private final int mask;

    InternCache(int sizePowerOfTwo) {
        slots = new String[sizePowerOfTwo];
        mask = sizePowerOfTwo - 1;
    }

    String intern(char[] c, int off, int len) {
        if (len > MAX_INTERNED_LENGTH) {
            return new String(c, off, len);
        }
        int h = 0;
        for (int i = off; i < off + len; i++) {
            h = 31 * h + c[i];
        }
        int slot = (h ^ (h >>> 16)) & mask;
        String cached = slots[slot];
        if (cached != null && sameChars(cached, c, off, len)) {
            return cached;
        }
        String created = new String(c, off, len);
        slots[slot] = created;
        return created;
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

package io.resetwatch.parse;

import java.util.function.Function;

/**
 * Remembers the parsed form of a repeating value (a flags string, a details string, a cluster name), keyed by
 * the String itself. Fixed size and overwritten on collision, so memory stays bounded; entries are immutable,
 * so sharing between threads is safe (a racing reader at worst recomputes).
 */
final class ValueCache<V> {

    private record Entry<V>(String key, V value) {
    }

    private final Entry<V>[] slots;
    private final int mask;
    private final Function<String, V> compute;

    @SuppressWarnings("unchecked")
    ValueCache(int sizePowerOfTwo, Function<String, V> compute) {
        slots = (Entry<V>[]) new Entry[sizePowerOfTwo];
        mask = sizePowerOfTwo - 1;
        this.compute = compute;
    }

    V get(String key) {
        int h = key.hashCode();
        int slot = (h ^ (h >>> 16)) & mask;
        Entry<V> e = slots[slot];
        if (e != null && (e.key == key || e.key.equals(key))) {
            return e.value;
        }
        V value = compute.apply(key);
        slots[slot] = new Entry<>(key, value);
        return value;
    }
}

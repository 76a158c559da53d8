package io.resetwatch.parse;

import io.resetwatch.model.ReportingPod;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Reuses the {@link ReportingPod} (and its labels map) of a pod whose envelopes keep naming it the same way:
 * every line of a sidecar carries the same Kubernetes metadata. Keyed by the metadata values, fixed size and
 * overwritten on collision; entries are immutable, so sharing between threads is safe.
 */
final class ReporterCache {

    /** Positions in the key array: the pod's identity, then one per {@link JsonKeys#WORKLOAD_LABELS} entry. */
    static final int NAMESPACE = 0;
    static final int NAME = 1;
    static final int UID = 2;
    static final int NODE = 3;
    static final int IP = 4;
    static final int CONTAINER = 5;
    static final int FIRST_LABEL = 6;
    static final int KEY_LENGTH = FIRST_LABEL + JsonKeys.WORKLOAD_LABELS.length;

    private record Entry(String[] key, ReportingPod pod) {
    }

    private final Entry[] slots;
    private final int mask;

    ReporterCache(int sizePowerOfTwo) {
        slots = new Entry[sizePowerOfTwo];
        mask = sizePowerOfTwo - 1;
    }

    /** The pod for {@code key} (not modified afterwards by the caller). */
    ReportingPod get(String[] key) {
        int h = 1;
        for (String s : key) {
            h = 31 * h + (s == null ? 0 : s.hashCode());
        }
        int slot = (h ^ (h >>> 16)) & mask;
        Entry e = slots[slot];
        if (e != null && sameKey(e.key, key)) {
            return e.pod;
        }
        Map<String, String> labels = new HashMap<>(8);
        for (int i = FIRST_LABEL; i < KEY_LENGTH; i++) {
            if (key[i] != null) {
                labels.put(JsonKeys.WORKLOAD_LABELS[i - FIRST_LABEL], key[i]);
            }
        }
        ReportingPod pod = new ReportingPod(key[NAMESPACE], key[NAME], key[UID], key[NODE], key[IP], key[CONTAINER],
                labels);
        slots[slot] = new Entry(key, pod);
        return pod;
    }

    private static boolean sameKey(String[] a, String[] b) {
        for (int i = 0; i < a.length; i++) {
            if (!Objects.equals(a[i], b[i])) {
                return false;
            }
        }
        return true;
    }
}

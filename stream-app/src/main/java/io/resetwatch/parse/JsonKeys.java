package io.resetwatch.parse;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Every JSON key the reader acts on, matched against the raw key bytes so that no key ever becomes a String.
 * Envoy's access-log keys have the ids of their {@link LineFields} constants; envelope, Kubernetes and label
 * keys have ids of their own. The caller interprets an id only where that key means something.
 */
final class JsonKeys {

    static final int LOG = 100;
    static final int MESSAGE = 101;
    static final int KUBERNETES = 102;
    static final int TIME = 103;
    static final int TIMESTAMP = 104;
    static final int AT_TIMESTAMP = 105;
    static final int SOURCE_TYPE = 106;
    static final int FILE = 107;
    static final int STREAM = 108;

    static final int LABELS = 200;
    static final int POD_LABELS = 201;
    static final int POD_NAME = 202;
    static final int NAMESPACE_NAME = 203;
    static final int POD_NAMESPACE = 204;
    static final int POD_ID = 205;
    static final int POD_UID = 206;
    static final int HOST = 207;
    static final int POD_NODE_NAME = 208;
    static final int POD_IP = 209;
    static final int CONTAINER_NAME = 210;

    /** Workload labels (the only ones kept): ids 300 + index into {@link #WORKLOAD_LABELS}. */
    static final int FIRST_LABEL = 300;
    static final String[] WORKLOAD_LABELS = {"app", "version", "service.istio.io/canonical-name",
            "service.istio.io/canonical-revision", "app.kubernetes.io/name", "app.kubernetes.io/version",
            "pod-template-hash"};

    private static final Object[][] KEYS = {
            {"start_time", LineFields.START_TIME}, {"method", LineFields.METHOD}, {"path", LineFields.PATH},
            {"protocol", LineFields.PROTOCOL}, {"response_code", LineFields.RESPONSE_CODE},
            {"response_flags", LineFields.RESPONSE_FLAGS},
            {"response_code_details", LineFields.RESPONSE_CODE_DETAILS},
            {"connection_termination_details", LineFields.CONNECTION_TERMINATION_DETAILS},
            {"upstream_transport_failure_reason", LineFields.UPSTREAM_TRANSPORT_FAILURE_REASON},
            {"bytes_received", LineFields.BYTES_RECEIVED}, {"bytes_sent", LineFields.BYTES_SENT},
            {"duration", LineFields.DURATION}, {"upstream_service_time", LineFields.UPSTREAM_SERVICE_TIME},
            {"request_id", LineFields.REQUEST_ID}, {"authority", LineFields.AUTHORITY},
            {"upstream_host", LineFields.UPSTREAM_HOST}, {"upstream_cluster", LineFields.UPSTREAM_CLUSTER},
            {"upstream_local_address", LineFields.UPSTREAM_LOCAL_ADDRESS},
            {"downstream_local_address", LineFields.DOWNSTREAM_LOCAL_ADDRESS},
            {"downstream_remote_address", LineFields.DOWNSTREAM_REMOTE_ADDRESS},
            {"requested_server_name", LineFields.REQUESTED_SERVER_NAME}, {"route_name", LineFields.ROUTE_NAME},
            {"user_agent", LineFields.IGNORED}, {"x_forwarded_for", LineFields.IGNORED},
            {"log", LOG}, {"message", MESSAGE}, {"kubernetes", KUBERNETES}, {"time", TIME},
            {"timestamp", TIMESTAMP}, {"@timestamp", AT_TIMESTAMP}, {"source_type", SOURCE_TYPE}, {"file", FILE},
            {"stream", STREAM},
            {"labels", LABELS}, {"pod_labels", POD_LABELS}, {"pod_name", POD_NAME},
            {"namespace_name", NAMESPACE_NAME}, {"pod_namespace", POD_NAMESPACE}, {"pod_id", POD_ID},
            {"pod_uid", POD_UID}, {"host", HOST}, {"pod_node_name", POD_NODE_NAME}, {"pod_ip", POD_IP},
            {"container_name", CONTAINER_NAME}};

    static final int MAX_LENGTH = 64;
    private static final int MASK = 255;
    private static final byte[][] NAMES;
    private static final int[] IDS;
    /** Each name as little-endian 8-byte words, zero-padded. */
    private static final long[][] WORDS;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    /** Open addressing: slot → index + 1 into NAMES/IDS, 0 = empty. */
    private static final int[] TABLE = new int[MASK + 1];

    static {
        int count = KEYS.length + WORKLOAD_LABELS.length;
        NAMES = new byte[count][];
        IDS = new int[count];
        WORDS = new long[count][];
        for (int i = 0; i < count; i++) {
            String name = i < KEYS.length ? (String) KEYS[i][0] : WORKLOAD_LABELS[i - KEYS.length];
            NAMES[i] = name.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            WORDS[i] = words(NAMES[i]);
            IDS[i] = i < KEYS.length ? (Integer) KEYS[i][1] : FIRST_LABEL + i - KEYS.length;
            int slot = hash(NAMES[i], 0, NAMES[i].length) & MASK;
            while (TABLE[slot] != 0) {
                slot = (slot + 1) & MASK;
            }
            TABLE[slot] = i + 1;
        }
    }

    private JsonKeys() {
    }

    /** The id of the key in {@code b[off, off+len)}, or -1 if the reader has no use for it. */
    static int lookup(byte[] b, int off, int len) {
        if (len == 0 || len > MAX_LENGTH) {
            return -1;
        }
        for (int slot = hash(b, off, len) & MASK; ; slot = (slot + 1) & MASK) {
            int entry = TABLE[slot];
            if (entry == 0) {
                return -1;
            }
            byte[] name = NAMES[entry - 1];
            if (name.length == len && sameBytes(WORDS[entry - 1], name, b, off, len)) {
                return IDS[entry - 1];
            }
        }
    }

    /** Compares eight bytes at a time against the name's words; the last word ignores what follows the key. */
    private static boolean sameBytes(long[] words, byte[] name, byte[] b, int off, int len) {
        if (off + words.length * 8 > b.length) {
            return Arrays.equals(name, 0, len, b, off, off + len);
        }
        int full = len >> 3;
        for (int k = 0; k < full; k++) {
            if ((long) LONGS.get(b, off + 8 * k) != words[k]) {
                return false;
            }
        }
        int rest = len & 7;
        return rest == 0 || ((long) LONGS.get(b, off + 8 * full) & (1L << 8 * rest) - 1) == words[full];
    }

    private static long[] words(byte[] name) {
        long[] words = new long[(name.length + 7) >> 3];
        for (int i = 0; i < name.length; i++) {
            words[i >> 3] |= (name[i] & 0xffL) << 8 * (i & 7);
        }
        return words;
    }

    /** Length and three sampled bytes: enough to spread ~50 keys, and independent of the key's length. */
    private static int hash(byte[] b, int off, int len) {
        int h = len * 0x9E3779B1 ^ b[off] * 0x85EBCA6B ^ b[off + len - 1] * 0xC2B2AE35
                ^ b[off + (len >> 1)] * 0x27D4EB2F;
        return h ^ h >>> 15;
    }

    /** The label key for a label id. */
    static String labelName(int id) {
        return WORKLOAD_LABELS[id - FIRST_LABEL];
    }
}

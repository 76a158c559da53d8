package io.resetwatch.window;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import java.util.TreeMap;

/** One upstream pod's share of a window. Name and node may stay unknown until the IP index resolves the IP. */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
public final class PodCounts {

    String podNamespace;
    String podName;
    String podUid;
    String node;
    String ip;
    long requests;
    long resets;
    long lastSeenMs;
    final TreeMap<String, Long> flags = new TreeMap<>();

    void add(Observation o) {
        if (podName == null && o.podName() != null) {
            podNamespace = o.podNamespace();
            podName = o.podName();
            podUid = o.podUid();
        }
        if (node == null) {
            node = o.node();
        }
        if (ip == null) {
            ip = o.ip();
        }
        requests++;
        if (o.reset()) {
            resets++;
        }
        for (String flag : o.flags()) {
            flags.merge(flag, 1L, Long::sum);
        }
        lastSeenMs = Math.max(lastSeenMs, o.timeMs());
    }

    public String podNamespace() {
        return podNamespace;
    }

    public String podName() {
        return podName;
    }

    public String podUid() {
        return podUid;
    }

    public String node() {
        return node;
    }

    public String ip() {
        return ip;
    }

    public long requests() {
        return requests;
    }

    public long resets() {
        return resets;
    }

    public long lastSeenMs() {
        return lastSeenMs;
    }

    public TreeMap<String, Long> flags() {
        return flags;
    }
}

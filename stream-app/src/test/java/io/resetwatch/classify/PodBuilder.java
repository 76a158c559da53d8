package io.resetwatch.classify;

import java.util.LinkedHashMap;
import java.util.Map;

/** Test data: one upstream pod as a window saw it. Defaults: node-a, 100 requests, no resets, live IP. */
final class PodBuilder {

    private String name;
    private String uid;
    private String node = "node-a";
    private String ip;
    private long requests = 100;
    private long resets;
    private final Map<String, Long> flags = new LinkedHashMap<>();
    private PodEvidence.IpState ipState = PodEvidence.IpState.LIVE;

    private PodBuilder(String name) {
        this.name = name;
        this.uid = name == null ? null : "uid-" + name;
        this.ip = name == null ? null : "10.44.1." + (1 + Math.floorMod(name.hashCode(), 250));
    }

    static PodBuilder pod(String name) {
        return new PodBuilder(name);
    }

    /** An outbound line's IP that no pod feed resolves. */
    static PodBuilder unresolved(String ip) {
        return new PodBuilder(null).ip(ip).state(PodEvidence.IpState.UNKNOWN);
    }

    PodBuilder on(String node) {
        this.node = node;
        return this;
    }

    PodBuilder uid(String uid) {
        this.uid = uid;
        return this;
    }

    PodBuilder ip(String ip) {
        this.ip = ip;
        return this;
    }

    PodBuilder requests(long requests) {
        this.requests = requests;
        return this;
    }

    /** Reset-family requests with this flag (e.g. UC); adds to the flag counts too. */
    PodBuilder resets(long count, String flag) {
        this.resets += count;
        this.flags.merge(flag, count, Long::sum);
        return this;
    }

    PodBuilder resets(long count) {
        return resets(count, "UC");
    }

    /** The IP belonged to this pod, deleted before the requests: a stale endpoint. */
    PodBuilder gone() {
        return state(PodEvidence.IpState.GONE);
    }

    PodBuilder state(PodEvidence.IpState state) {
        this.ipState = state;
        return this;
    }

    String name() {
        return name;
    }

    Map<String, Long> flags() {
        return flags;
    }

    long resets() {
        return resets;
    }

    long requests() {
        return requests;
    }

    PodEvidence build() {
        return new PodEvidence(name, uid, node, ip, requests, resets, flags, ipState);
    }
}

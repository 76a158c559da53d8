package io.resetwatch.classify;

import java.util.Map;

/**
 * One upstream pod as a window saw it.
 *
 * @param name     pod name, null when the IP could not be resolved to a pod
 * @param uid      pod uid, when known
 * @param ip       pod IP (outbound lines' upstream host, or the writer's IP)
 * @param requests requests to this pod in the window (both reporter sides)
 * @param resets   reset-family requests to this pod
 * @param flags    flag counts for this pod
 * @param ipState  LIVE: the IP belonged to this pod at the time; GONE: the pod that owned the IP was deleted
 *                 before the requests (a stale endpoint); UNKNOWN: no pod feed covers the IP
 */
public record PodEvidence(
        String name,
        String uid,
        String node,
        String ip,
        long requests,
        long resets,
        Map<String, Long> flags,
        IpState ipState) {

    public enum IpState { LIVE, GONE, UNKNOWN }

    public PodEvidence {
        flags = flags == null ? Map.of() : Map.copyOf(flags);
    }
}

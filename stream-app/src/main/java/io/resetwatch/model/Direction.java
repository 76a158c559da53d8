package io.resetwatch.model;

/** Which kind of Envoy cluster a line went through, read from {@code upstream_cluster}. */
public enum Direction {
    /** {@code outbound|port|subset|host}: written by the caller's sidecar. */
    OUTBOUND,
    /** {@code inbound|port||} (or the ≤1.8 form with a host): written by the callee's sidecar. */
    INBOUND,
    /** {@code inbound-vip|port|http|host}: an ambient waypoint. */
    INBOUND_VIP,
    /** {@code PassthroughCluster}: original destination, route {@code allow_any}. */
    PASSTHROUGH,
    /** {@code InboundPassthroughCluster} (and the pre-1.23 Ipv4/Ipv6 names). */
    INBOUND_PASSTHROUGH,
    /** {@code BlackHoleCluster}: traffic goes nowhere. */
    BLACKHOLE,
    /** Any other named cluster (standalone Envoy, {@code local_cluster}, ...). */
    OTHER,
    /** No cluster field in the line (standalone Envoy default format, pre-1.0 Istio) or {@code -}. */
    NONE
}

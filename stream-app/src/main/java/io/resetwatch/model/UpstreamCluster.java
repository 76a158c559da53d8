package io.resetwatch.model;

/**
 * Envoy's {@code upstream_cluster}, split into its parts (DOMAIN §4).
 *
 * @param raw       the value as logged, with one trailing {@code ;} (Istio 1.24.0/1.24.1) removed; null when absent
 * @param direction what kind of cluster it is
 * @param port      service port (outbound) or container target port (inbound); null when the name has none
 * @param subset    DestinationRule subset; null when empty
 * @param host      the host part, e.g. {@code reviews.shop.svc.cluster.local}; null when none
 * @param service   Kubernetes service name when the host is {@code <svc>.<ns>.svc.<domain>}, else the opaque host
 * @param namespace Kubernetes namespace when the host names one
 */
public record UpstreamCluster(
        String raw,
        Direction direction,
        Integer port,
        String subset,
        String host,
        String service,
        String namespace) {

    public static final UpstreamCluster NONE = new UpstreamCluster(null, Direction.NONE, null, null, null, null, null);
}

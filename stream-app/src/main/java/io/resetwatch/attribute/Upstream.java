package io.resetwatch.attribute;

/**
 * Who a line is about (CONTRACTS §3): the upstream service and the side that reported it.
 *
 * @param key     the alert key and repartition key: {@code <k8s_cluster>/<namespace>/<service>}
 * @param inbound true when the upstream's own sidecar wrote the line (reporter=destination)
 */
public record Upstream(String key, String k8sCluster, String namespace, String service, boolean inbound) {

    public static Upstream of(String k8sCluster, String namespace, String service, boolean inbound) {
        String ns = namespace == null ? "-" : namespace;
        return new Upstream(k8sCluster + "/" + ns + "/" + service, k8sCluster, namespace, service, inbound);
    }
}

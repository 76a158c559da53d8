package io.resetwatch.attribute;

import io.resetwatch.model.AccessLogRecord;
import io.resetwatch.model.Direction;
import io.resetwatch.model.ReportingPod;
import io.resetwatch.model.UpstreamCluster;
import java.util.Optional;

/**
 * Names the upstream of a line (CONTRACTS §3, DOMAIN §2.2 and §4). Outbound lines name it in the cluster.
 * Inbound lines carry no host, so the service is taken from what the callers named — the mTLS SNI
 * ({@code outbound_.8080_._.svc.ns.svc.cluster.local}) is exactly the caller's cluster name — else from the
 * writer pod's {@code service.istio.io/canonical-name} or {@code app} label. Lines with no upstream at all
 * ({@code NR}, BlackHole, host {@code -} with no cluster) are unattributable.
 */
public final class UpstreamResolver {

    private final String k8sCluster;

    public UpstreamResolver(String k8sCluster) {
        this.k8sCluster = k8sCluster;
    }

    public Optional<Upstream> resolve(AccessLogRecord record) {
        UpstreamCluster cluster = record.upstreamCluster();
        Direction direction = cluster.direction();
        return switch (direction) {
            case OUTBOUND -> cluster.service() == null
                    ? Optional.empty()
                    : Optional.of(Upstream.of(k8sCluster, cluster.namespace(), cluster.service(), false));
            case INBOUND, INBOUND_VIP, INBOUND_PASSTHROUGH -> inbound(record, cluster);
            case PASSTHROUGH, OTHER, NONE -> fromAuthority(record);
            case BLACKHOLE -> Optional.empty();
        };
    }

    private Optional<Upstream> inbound(AccessLogRecord record, UpstreamCluster cluster) {
        if (cluster.service() != null && cluster.namespace() != null) {
            return Optional.of(Upstream.of(k8sCluster, cluster.namespace(), cluster.service(), true));
        }
        Optional<String[]> sni = serviceFromSni(record.requestedServerName());
        if (sni.isPresent()) {
            return Optional.of(Upstream.of(k8sCluster, sni.get()[1], sni.get()[0], true));
        }
        ReportingPod pod = record.reporter();
        if (pod != null) {
            String name = pod.labels().get("service.istio.io/canonical-name");
            if (name == null) {
                name = pod.labels().get("app");
            }
            if (name == null) {
                name = pod.labels().get("app.kubernetes.io/name");
            }
            if (name != null) {
                return Optional.of(Upstream.of(k8sCluster, pod.namespace(), name, true));
            }
        }
        return Optional.empty();
    }

    /**
     * Standalone Envoy and passthrough lines have no service in the cluster; a Kubernetes service FQDN in the
     * authority ({@code svc.ns.svc.cluster.local[:port]}) still names one. Anything else is unattributable.
     */
    private Optional<Upstream> fromAuthority(AccessLogRecord record) {
        String authority = record.authority();
        if (authority == null) {
            return Optional.empty();
        }
        int colon = authority.lastIndexOf(':');
        String host = colon > 0 ? authority.substring(0, colon) : authority;
        String[] labels = host.split("\\.");
        if (labels.length >= 3 && "svc".equals(labels[2])) {
            return Optional.of(Upstream.of(k8sCluster, labels[1], labels[0], false));
        }
        return Optional.empty();
    }

    /** {@code outbound_.<port>_.<subset>_.<svc>.<ns>.svc.<domain>} → {svc, ns}. */
    static Optional<String[]> serviceFromSni(String sni) {
        if (sni == null || !sni.startsWith("outbound_.")) {
            return Optional.empty();
        }
        int hostStart = sni.lastIndexOf("_.");
        if (hostStart < 0) {
            return Optional.empty();
        }
        String[] labels = sni.substring(hostStart + 2).split("\\.");
        if (labels.length >= 3 && "svc".equals(labels[2])) {
            return Optional.of(new String[] {labels[0], labels[1]});
        }
        return Optional.empty();
    }
}

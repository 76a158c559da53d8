package io.resetwatch.parse;

import io.resetwatch.model.Direction;
import io.resetwatch.model.UpstreamCluster;

/**
 * Reads Envoy/Istio cluster names (DOMAIN §4): {@code outbound|port|subset|host}, the SNI form
 * {@code outbound_.port_.subset_.host}, and the well-known names. Public so the topology can also read
 * {@code requested_server_name} (the SNI form names the service of an inbound line).
 */
public final class UpstreamClusters {

    private UpstreamClusters() {
    }

    /** Never null: {@code null} or {@code -} give {@link UpstreamCluster#NONE}. */
    public static UpstreamCluster parse(String logged) {
        if (logged == null || logged.isEmpty() || logged.equals("-")) {
            return UpstreamCluster.NONE;
        }
        String raw = logged;
        // Istio 1.24.0/1.24.1 printed alt_stat_name, which ends in ';' (istio/istio#54219).
        if (raw.endsWith(";")) {
            raw = raw.substring(0, raw.length() - 1);
        }
        // Markdown tables escape the pipes of pasted lines; a real cluster name never contains a backslash.
        if (raw.indexOf('\\') >= 0) {
            raw = raw.replace("\\|", "|");
        }
        if (raw.isEmpty()) {
            return UpstreamCluster.NONE;
        }
        int p1 = raw.indexOf('|');
        if (p1 > 0) {
            int p2 = raw.indexOf('|', p1 + 1);
            int p3 = p2 < 0 ? -1 : raw.indexOf('|', p2 + 1);
            if (p3 > 0) {
                return keyed(raw, raw.substring(0, p1), raw.substring(p1 + 1, p2), raw.substring(p2 + 1, p3),
                        raw.substring(p3 + 1));
            }
        }
        if (raw.startsWith("outbound_.") || raw.startsWith("inbound_.")) {
            int s1 = raw.indexOf("_.");
            int s2 = raw.indexOf("_.", s1 + 2);
            int s3 = s2 < 0 ? -1 : raw.indexOf("_.", s2 + 2);
            if (s3 > 0) {
                String subset = raw.substring(s2 + 2, s3);
                return keyed(raw, raw.substring(0, s1), raw.substring(s1 + 2, s2), subset.equals("_") ? "" : subset,
                        raw.substring(s3 + 2));
            }
        }
        return switch (raw) {
            case "PassthroughCluster" -> special(raw, Direction.PASSTHROUGH);
            case "BlackHoleCluster" -> special(raw, Direction.BLACKHOLE);
            case "InboundPassthroughCluster", "InboundPassthroughClusterIpv4", "InboundPassthroughClusterIpv6" ->
                    special(raw, Direction.INBOUND_PASSTHROUGH);
            default -> special(raw, Direction.OTHER);
        };
    }

    private static UpstreamCluster special(String raw, Direction direction) {
        return new UpstreamCluster(raw, direction, null, null, null, null, null);
    }

    private static UpstreamCluster keyed(String raw, String dir, String port, String subset, String host) {
        Direction direction = switch (dir) {
            case "outbound" -> Direction.OUTBOUND;
            case "inbound" -> Direction.INBOUND;
            case "inbound-vip" -> Direction.INBOUND_VIP;
            default -> Direction.OTHER;
        };
        String hostOrNull = host.isEmpty() ? null : host;
        String service = hostOrNull;
        String namespace = null;
        if (hostOrNull != null) {
            // <svc>.<ns>.svc.<cluster domain>
            int d1 = host.indexOf('.');
            int d2 = d1 < 0 ? -1 : host.indexOf('.', d1 + 1);
            if (d1 > 0 && d2 > d1 + 1 && host.startsWith("svc.", d2 + 1) && host.length() > d2 + 5) {
                service = host.substring(0, d1);
                namespace = host.substring(d1 + 1, d2);
            }
        }
        return new UpstreamCluster(raw, direction, parsePort(port), subset.isEmpty() ? null : subset, hostOrNull,
                service, namespace);
    }

    private static Integer parsePort(String s) {
        if (s.isEmpty() || s.length() > 5) {
            return null;
        }
        int v = 0;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch < '0' || ch > '9') {
                return null;
            }
            v = v * 10 + (ch - '0');
        }
        return v <= 65_535 ? v : null;
    }
}

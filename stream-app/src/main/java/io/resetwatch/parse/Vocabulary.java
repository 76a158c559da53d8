package io.resetwatch.parse;

import io.resetwatch.model.ResponseDetails;
import io.resetwatch.model.UpstreamCluster;

import java.util.ArrayList;
import java.util.List;

/**
 * The bounded caches one parser shares between its calls: repeating strings and their parsed forms (flags set,
 * details, cluster, reporting pod). All entries are immutable, so one instance is safe to use from several threads.
 */
final class Vocabulary {

    final InternCache strings = new InternCache(4096);
    final ValueCache<List<String>> flags = new ValueCache<>(256, Vocabulary::splitFlags);
    final ValueCache<ResponseDetails> details = new ValueCache<>(512, ResponseCodeDetails::parse);
    final ValueCache<UpstreamCluster> clusters = new ValueCache<>(1024, UpstreamClusters::parse);
    final ReporterCache reporters = new ReporterCache(1024);
    /** The IP part of an upstream host ({@code 10.0.0.1:8080} → {@code 10.0.0.1}), null when it is no address. */
    final ValueCache<String> hostIps = new ValueCache<>(1024, LineFields::hostIp);

    /** {@code UF,URX} → [UF, URX]: line order, no duplicates, unknown codes kept as written (DOMAIN §1.1). */
    static List<String> splitFlags(String raw) {
        if (raw.isEmpty() || raw.equals("-")) {
            return List.of();
        }
        List<String> codes = new ArrayList<>(2);
        int from = 0;
        while (from <= raw.length()) {
            int comma = raw.indexOf(',', from);
            int to = comma < 0 ? raw.length() : comma;
            String code = raw.substring(from, to).trim();
            if (!code.isEmpty() && !code.equals("-") && !codes.contains(code)) {
                codes.add(code.intern());
            }
            from = to + 1;
        }
        return List.copyOf(codes);
    }
}

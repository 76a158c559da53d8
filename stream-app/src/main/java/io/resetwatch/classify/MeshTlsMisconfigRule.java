package io.resetwatch.classify;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * MESH_TLS_MISCONFIG (DOMAIN §10, §5.3): TLS handshakes fail (a TLS error as transport failure reason), or a
 * plaintext client meets a STRICT mTLS port ({@code filter_chain_not_found}; UC through PassthroughCluster).
 *
 * <p>Strength: a named verdict (CERTIFICATE_VERIFY_FAILED, WRONG_VERSION_NUMBER) 0.9, another TLS error or
 * filter_chain_not_found 0.75, UC via PassthroughCluster alone 0.55. Confidence = strength × (0.4 + 0.4 × share of
 * reset lines with the pattern + 0.2 × failure ratio): a misconfiguration fails nearly every request.
 * "Connection reset by peer" during the handshake is not a TLS verdict (NETWORK or a restarting peer).
 */
final class MeshTlsMisconfigRule implements CauseRule {

    private static final Predicate<String> TLS_ERROR = s -> {
        String lower = s.toLowerCase(Locale.ROOT);
        return (lower.contains("tls_error") || lower.contains("tls error"))
                && !lower.contains("connection_reset_by_peer") && !lower.contains("connection reset by peer");
    };
    private static final Predicate<String> VERIFY_FAILED = TLS_ERROR.and(s -> s.contains("CERTIFICATE_VERIFY_FAILED"));
    private static final Predicate<String> WRONG_VERSION = TLS_ERROR.and(s -> s.contains("WRONG_VERSION_NUMBER"));

    @Override
    public Optional<Candidate> evaluate(WindowContext ctx) {
        long tls = ctx.reasons(TLS_ERROR);
        long verify = ctx.reasons(VERIFY_FAILED);
        long wrongVersion = ctx.reasons(WRONG_VERSION);
        long filterChain = ctx.resetReasons(s -> s.contains("filter_chain_not_found"));
        long passthroughUc = "PassthroughCluster".equals(ctx.window().upstreamCluster()) ? ctx.flag("UC") : 0;
        long matching = Math.max(tls, Math.max(filterChain, passthroughUc));
        if (matching <= 0) {
            return Optional.empty();
        }
        double strength = verify + wrongVersion > 0 ? 0.9 : (tls > 0 || filterChain > 0) ? 0.75 : 0.55;
        double share = ctx.lineShare(matching);
        double ratio = ctx.resetRatio();

        List<Evidence> evidence = new ArrayList<>();
        if (tls > 0) {
            evidence.add(WindowContext.aggregate("transport_failure", tls + " TLS handshake failures ("
                    + Text.percent(ctx.lineShare(tls)) + " of reset lines): " + Text.counts(tlsReasons(ctx), 2)));
        }
        if (filterChain > 0) {
            evidence.add(WindowContext.aggregate("reset_reason", filterChain + " connections matched no filter chain"
                    + " (filter_chain_not_found): plaintext arriving at a STRICT mTLS port"));
        }
        if (passthroughUc > 0) {
            evidence.add(WindowContext.aggregate("flags", passthroughUc + " UC through PassthroughCluster: a client"
                    + " outside the mesh's TLS sending plaintext to a pod that requires mTLS"));
        }
        evidence.add(WindowContext.aggregate("ratio", Text.percent(ratio) + " of " + ctx.window().requests()
                + " requests failed" + (ratio >= 0.9 ? ", as a configuration mismatch does" : "")));

        String remediation;
        if (wrongVersion > 0) {
            remediation = "TLS is originated towards a port that speaks plaintext (WRONG_VERSION_NUMBER): remove or fix"
                    + " the DestinationRule trafficPolicy.tls (SIMPLE/MUTUAL) for this port, or use ISTIO_MUTUAL towards"
                    + " meshed pods.";
        } else if (verify > 0) {
            remediation = "The peer's certificate is not trusted (CERTIFICATE_VERIFY_FAILED): check the CA bundle and"
                    + " rotation (DestinationRule tls.caCertificates, mesh root CA), and the subjectAltNames.";
        } else {
            remediation = "Make PeerAuthentication mtls.mode (STRICT / PERMISSIVE / DISABLE) consistent with the"
                    + " callers' DestinationRule tls.mode (DISABLE / SIMPLE / MUTUAL / ISTIO_MUTUAL); use PERMISSIVE"
                    + " (or mount Istio certificates) for clients outside the mesh; look for the config change where the"
                    + " failures started.";
        }
        double confidence = Confidence.round(strength * (0.4 + 0.4 * share + 0.2 * ratio));
        return Optional.of(new Candidate(Cause.MESH_TLS_MISCONFIG, confidence, evidence, remediation));
    }

    private static java.util.Map<String, Long> tlsReasons(WindowContext ctx) {
        java.util.Map<String, Long> out = new java.util.TreeMap<>();
        ctx.window().transportFailures().forEach((k, v) -> {
            if (TLS_ERROR.test(k)) {
                out.merge(k, v, Long::sum);
            }
        });
        if (out.isEmpty()) {
            ctx.window().resetReasons().forEach((k, v) -> {
                if (TLS_ERROR.test(k)) {
                    out.merge(k, v, Long::sum);
                }
            });
        }
        return out;
    }
}

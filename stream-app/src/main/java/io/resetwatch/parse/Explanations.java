package io.resetwatch.parse;

import java.util.Map;

/**
 * Human sentences for {@code resetwatch explain}: what a response flag or an upstream reset reason means and
 * what it usually points at (DOMAIN §1.2, §1.3, §5.1).
 */
public final class Explanations {

    private static final Map<String, String> FLAGS = Map.ofEntries(
            Map.entry("UR", "Upstream remote reset: the upstream reset the stream at the codec level (HTTP/2"
                    + " RST_STREAM or a refused stream); on an outbound line often the peer sidecar relaying a"
                    + " connection it lost to its app."),
            Map.entry("UC", "Upstream connection termination: the upstream connection closed or was reset while the"
                    + " request was in flight (killed or crashed process, app-side idle timeout, keep-alive race)."),
            Map.entry("UF", "Upstream connection failure: Envoy could not open a connection to the upstream"
                    + " (refused, timed out or TLS failed); nothing was sent."),
            Map.entry("UH", "No healthy upstream: the cluster had no healthy host to send to (all ejected, or"
                    + " scaled to zero)."),
            Map.entry("UO", "Upstream overflow: a circuit breaker limit was reached, so Envoy did not send the"
                    + " request."),
            Map.entry("UT", "Upstream request timeout: the route timeout expired before the upstream answered."),
            Map.entry("LR", "Local reset: Envoy's own codec reset the stream (including an HTTP/1 upstream that"
                    + " half-closed early)."),
            Map.entry("URX", "Upstream retry limit exceeded: Envoy retried and every attempt failed; the other"
                    + " flags and the details say how the last attempt failed."),
            Map.entry("UPE", "Upstream protocol error: the upstream's bytes were not valid HTTP (Envoy answers"
                    + " 502; older versions logged 503 UC)."),
            Map.entry("DC", "Downstream connection termination: the client went away before the response"
                    + " completed (often the echo of a timeout on the caller's side)."),
            Map.entry("DR", "Downstream remote reset: the client reset the stream (e.g. a cancelled gRPC call)."),
            Map.entry("DPE", "Downstream protocol error: the client's request was not valid HTTP."),
            Map.entry("LH", "Failed local health check: the local service failed its health check."),
            Map.entry("NR", "No route found: no route (or, for a TCP connection, no filter chain) matched; typical"
                    + " for plaintext traffic reaching a STRICT mTLS port."),
            Map.entry("NC", "No cluster found: the route named an upstream cluster Envoy does not know."),
            Map.entry("DI", "Delay injected: a fault-injection delay was applied."),
            Map.entry("FI", "Fault injected: a fault-injection abort answered the request."),
            Map.entry("RL", "Rate limited: the request was rejected by local rate limiting."),
            Map.entry("RLSE", "Rate limit service error: the rate-limit service could not be consulted."),
            Map.entry("UAEX", "Unauthorized external service: the external authorization service denied the"
                    + " request."),
            Map.entry("SI", "Stream idle timeout: the stream saw no activity for the idle timeout."),
            Map.entry("IH", "Invalid Envoy request headers: a strictly checked header had an invalid value."),
            Map.entry("UMSDR", "Upstream max stream duration reached: the upstream request hit its maximum"
                    + " duration."),
            Map.entry("RFCF", "Response from cache filter: a cache filter answered the request."),
            Map.entry("NFCF", "No filter config found: a filter had no configuration available."),
            Map.entry("DT", "Duration timeout: the connection or stream exceeded its maximum duration."),
            Map.entry("OM", "Overload manager terminated: Envoy's overload manager ended the request to protect"
                    + " the proxy."),
            Map.entry("DF", "DNS resolution failed: the upstream host name could not be resolved."),
            Map.entry("DO", "Drop overload: the request was shed by drop-overload load balancing."));

    private static final Map<String, String> RESET_REASONS = Map.ofEntries(
            Map.entry("connection_termination", "The upstream closed (FIN) or reset (RST) the TCP connection while"
                    + " the request was in flight: a killed or crashed process, an app-side timeout, a keep-alive"
                    + " race, or an mTLS rejection."),
            Map.entry("remote_reset", "The upstream reset the HTTP/2 stream; often a peer sidecar relaying a"
                    + " connection it lost."),
            Map.entry("remote_refused_stream_reset", "The upstream refused the HTTP/2 stream (REFUSED_STREAM),"
                    + " typically while shutting down or at its concurrency limit."),
            Map.entry("remote_error_with_CONNECT_request", "The upstream failed an HTTP CONNECT tunnel."),
            Map.entry("local_reset", "Envoy itself reset the stream."),
            Map.entry("local_refused_stream_reset", "Envoy refused the stream locally."),
            Map.entry("HTTP/1_premature_upstream_half_close", "The HTTP/1 upstream half-closed the connection before"
                    + " the response was complete."),
            Map.entry("connection_failure", "Envoy could not connect to the upstream (older Envoy wording); the"
                    + " transport failure says why."),
            Map.entry("remote_connection_failure", "The upstream refused or failed the connection attempt, e.g."
                    + " nothing listening on the port (app down or restarting) or a stale endpoint."),
            Map.entry("local_connection_failure", "Envoy failed to open the connection locally (e.g. socket or"
                    + " address errors)."),
            Map.entry("connection_timeout", "The connection attempt timed out: the endpoint is gone (stale address)"
                    + " or packets are dropped."),
            Map.entry("overflow", "A circuit breaker limit was reached, so the request was not sent; not a pod"
                    + " lifecycle signal."),
            Map.entry("protocol_error", "The upstream sent invalid HTTP (e.g. a duplicate Transfer-Encoding"
                    + " header); Envoy answers 502."),
            Map.entry("overload_manager_reset", "Envoy's overload manager reset the stream to protect the proxy."),
            Map.entry("remote_reset_(no_error)", "The upstream closed the HTTP/2 stream with NO_ERROR before the"
                    + " response was complete."));

    private Explanations() {
    }

    /** A sentence for a {@code %RESPONSE_FLAGS%} short code; unknown codes are said to be unknown, not an error. */
    public static String flag(String shortCode) {
        String known = shortCode == null ? null : FLAGS.get(shortCode);
        if (known != null) {
            return known;
        }
        return "'" + printable(shortCode) + "' is not a known Envoy response flag (possibly a custom flag"
                + " registered by an extension).";
    }

    /** A sentence for the reset reason inside {@code upstream_reset_*_response_started{...}}. */
    public static String resetReason(String reason) {
        String known = reason == null ? null : RESET_REASONS.get(reason);
        if (known != null) {
            return known;
        }
        return "'" + printable(reason) + "' is not a reset reason resetwatch knows.";
    }

    /** Keeps the sentence one short, printable line whatever the code. */
    private static String printable(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(Math.min(s.length(), 32));
        for (int i = 0; i < s.length() && b.length() < 32; i++) {
            char ch = s.charAt(i);
            b.append(ch >= 0x20 && ch < 0x7f && ch != '\'' ? ch : '?');
        }
        return b.toString();
    }
}

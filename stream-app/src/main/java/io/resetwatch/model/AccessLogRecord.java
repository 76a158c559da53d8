package io.resetwatch.model;

import java.time.Instant;
import java.util.List;

/**
 * One Envoy/Istio access-log line, normalized from any supported shape (schemas/access-log.schema.json).
 * Free-text request headers (user agent, x-forwarded-for) are deliberately not kept, and {@code path} never
 * carries a query string.
 *
 * @param format          detected line layout: istio-json, istio-json-strings, istio-text-1.9, istio-text-1.8,
 *                        istio-text-legacy-1.7, istio-text-pre1.0, envoy-text
 * @param envelope        log agent envelope: fluent-bit, vector or none
 * @param startTime       {@code %START_TIME%}; when the line has none, derived from the envelope or record time
 * @param endTime         start + duration: the event time of the record (CONTRACTS §2)
 * @param timeSource      where startTime came from: line, envelope or record
 * @param responseFlags   short codes in the line's order without duplicates; unknown codes kept as written
 * @param durationMs      {@code %DURATION%}; null when {@code -}
 * @param upstreamHost    {@code IP:port} as logged, with an ambient {@code envoy://connect_originate/} prefix removed
 * @param upstreamHostIp  the IP part of upstreamHost, null when none
 * @param reporter        the pod that wrote the line (envelope), null for a raw line
 */
public record AccessLogRecord(
        String format,
        String envelope,
        Instant startTime,
        Instant endTime,
        String timeSource,
        String method,
        String authority,
        String path,
        String protocol,
        int responseCode,
        List<String> responseFlags,
        ResponseDetails responseCodeDetails,
        String connectionTerminationDetails,
        String upstreamTransportFailureReason,
        Long bytesReceived,
        Long bytesSent,
        Long durationMs,
        Long upstreamServiceTimeMs,
        String requestId,
        String upstreamHost,
        String upstreamHostIp,
        UpstreamCluster upstreamCluster,
        String upstreamLocalAddress,
        String downstreamLocalAddress,
        String downstreamRemoteAddress,
        String requestedServerName,
        String routeName,
        ReportingPod reporter) {

    public AccessLogRecord {
        responseFlags = responseFlags == null ? List.of() : List.copyOf(responseFlags);
        if (upstreamCluster == null) {
            upstreamCluster = UpstreamCluster.NONE;
        }
        if (responseCodeDetails == null) {
            responseCodeDetails = ResponseDetails.NONE;
        }
    }

    public boolean hasFlag(String flag) {
        return responseFlags.contains(flag);
    }
}

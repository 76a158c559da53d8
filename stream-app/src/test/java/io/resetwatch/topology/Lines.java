package io.resetwatch.topology;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.resetwatch.serde.Json;
import java.time.Instant;
import java.util.Locale;

/** Test-data builders for the records agents put on the input topics. */
final class Lines {

    private Lines() {
    }

    /** A caller's sidecar line (typed Istio JSON) for a request to {@code service} at {@code podIp}, ending at {@code endMs}. */
    static String outbound(String namespace, String service, String podIp, long endMs, int code, String flags,
                           String details, long durationMs, String requestId) {
        ObjectNode line = Json.mapper().createObjectNode();
        line.put("start_time", Instant.ofEpochMilli(endMs - durationMs).toString());
        line.put("method", "GET");
        line.put("path", "/items?token=secret-token");
        line.put("protocol", "HTTP/1.1");
        line.put("response_code", code);
        line.put("response_flags", flags);
        line.put("response_code_details", details);
        line.put("duration", durationMs);
        line.put("request_id", requestId);
        line.put("authority", service + ":8080");
        line.put("upstream_host", podIp + ":8080");
        line.put("upstream_cluster", "outbound|8080||" + service + "." + namespace + ".svc.cluster.local");
        line.put("user_agent", "Mozilla/5.0 secret-agent");
        return line.toString();
    }

    static String outboundOk(String namespace, String service, String podIp, long endMs, String requestId) {
        return outbound(namespace, service, podIp, endMs, 200, "-", "via_upstream", 5, requestId);
    }

    /** The callee's own sidecar line (Istio TEXT) inside a Fluent Bit envelope naming the pod. */
    static String inbound(String namespace, String service, String pod, String podIp, long endMs, int code,
                          String flags, String details, long durationMs, String requestId) {
        String line = String.format(Locale.ROOT,
                "[%s] \"GET /items HTTP/1.1\" %d %s %s - \"-\" 0 95 %d - \"-\" \"curl/8\" \"%s\" \"%s:8080\" "
                        + "\"%s:8080\" inbound|8080|| 127.0.0.6:40000 %s:8080 10.0.0.9:50000 "
                        + "outbound_.8080_._.%s.%s.svc.cluster.local default",
                Instant.ofEpochMilli(endMs - durationMs), code, flags, details, durationMs, requestId, service,
                podIp, podIp, service, namespace);
        ObjectNode envelope = Json.mapper().createObjectNode();
        envelope.put("log", line);
        envelope.put("stream", "stdout");
        ObjectNode k8s = envelope.putObject("kubernetes");
        k8s.put("pod_name", pod);
        k8s.put("namespace_name", namespace);
        k8s.put("host", "node-a");
        k8s.put("pod_ip", podIp);
        k8s.put("container_name", "istio-proxy");
        k8s.putObject("labels").put("app", service);
        return envelope.toString();
    }

    static String inboundUc(String namespace, String service, String pod, String podIp, long endMs, String requestId) {
        return inbound(namespace, service, pod, podIp, endMs, 503, "UC",
                "upstream_reset_before_response_started{connection_termination}", 20, requestId);
    }

    /** A pod watch record (OTel k8sobjects / resetwatch watch-pods). */
    static String pod(String type, String namespace, String name, String uid, String ip, String node,
                      String app, String lastTerminatedReason, Integer exitCode, long finishedMs, int restarts) {
        ObjectNode record = Json.mapper().createObjectNode();
        record.put("type", type);
        ObjectNode object = record.putObject("object");
        object.put("apiVersion", "v1");
        object.put("kind", "Pod");
        ObjectNode metadata = object.putObject("metadata");
        metadata.put("name", name);
        metadata.put("namespace", namespace);
        metadata.put("uid", uid);
        metadata.putObject("labels").put("app", app);
        object.putObject("spec").put("nodeName", node);
        ObjectNode status = object.putObject("status");
        status.put("phase", "Running");
        status.put("podIP", ip);
        ObjectNode cs = status.putArray("containerStatuses").addObject();
        cs.put("name", "app");
        cs.put("restartCount", restarts);
        if (lastTerminatedReason != null) {
            ObjectNode t = cs.putObject("lastState").putObject("terminated");
            t.put("reason", lastTerminatedReason);
            t.put("exitCode", exitCode);
            t.put("finishedAt", Instant.ofEpochMilli(finishedMs).truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                    .toString());
        }
        return record.toString();
    }
}

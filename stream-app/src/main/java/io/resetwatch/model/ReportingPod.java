package io.resetwatch.model;

import java.util.Map;

/**
 * The pod whose sidecar wrote the line, as the log agent's envelope names it (DOMAIN §6). Only the envelope
 * knows it; a raw line has none.
 *
 * @param labels only the labels that identify a workload ({@code app}, {@code service.istio.io/canonical-name},
 *               {@code app.kubernetes.io/name}, {@code version}, {@code pod-template-hash}), never annotations
 */
public record ReportingPod(
        String namespace,
        String name,
        String uid,
        String node,
        String ip,
        String container,
        Map<String, String> labels) {

    public ReportingPod {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }
}

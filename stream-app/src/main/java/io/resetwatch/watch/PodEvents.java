package io.resetwatch.watch;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EphemeralContainer;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Turns a Pod into the watch event resetwatch reads (DOMAIN §7.4, the shape of the OTel {@code k8sobjects}
 * receiver in watch mode): {@code {"type":"MODIFIED","object":{"apiVersion":"v1","kind":"Pod",...}}}.
 *
 * <p>Before publishing, the pod is cut down to what is safe and useful: {@code managedFields} go (large, no
 * lifecycle meaning), annotations go except a short allow-list (annotations such as
 * {@code kubectl.kubernetes.io/last-applied-configuration} can hold secrets), and so do container
 * {@code env}, {@code command} and {@code args} (literal values there can be credentials; nothing downstream
 * reads them).
 */
public final class PodEvents {

    public static final String ADDED = "ADDED";
    public static final String MODIFIED = "MODIFIED";
    public static final String DELETED = "DELETED";

    /** Annotations that carry lifecycle meaning and no secrets. */
    public static final Set<String> ANNOTATION_ALLOW_LIST = Set.of(
            "kubectl.kubernetes.io/restartedAt",
            "kubectl.kubernetes.io/default-container",
            "kubernetes.io/config.source",
            "sidecar.istio.io/inject",
            "cluster-autoscaler.kubernetes.io/safe-to-evict");

    private PodEvents() {
    }

    public static String key(Pod pod) {
        return pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
    }

    public static String toJson(String type, Pod pod, KubernetesSerialization serialization) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("type", type);
        event.put("object", sanitized(pod, serialization));
        return serialization.asJson(event);
    }

    /** A copy of the pod without managed fields, secrets-prone annotations, env, command and args. */
    public static Pod sanitized(Pod pod, KubernetesSerialization serialization) {
        Pod copy = serialization.clone(pod);
        // List items from the API server omit kind and apiVersion; the event shape has them.
        if (copy.getApiVersion() == null) {
            copy.setApiVersion("v1");
        }
        if (copy.getKind() == null) {
            copy.setKind("Pod");
        }
        ObjectMeta meta = copy.getMetadata();
        meta.setManagedFields(null);
        if (meta.getAnnotations() != null) {
            Map<String, String> kept = new TreeMap<>();
            meta.getAnnotations().forEach((name, value) -> {
                if (ANNOTATION_ALLOW_LIST.contains(name)) {
                    kept.put(name, value);
                }
            });
            meta.setAnnotations(kept.isEmpty() ? null : kept);
        }
        if (copy.getSpec() != null) {
            strip(copy.getSpec().getContainers());
            strip(copy.getSpec().getInitContainers());
            if (copy.getSpec().getEphemeralContainers() != null) {
                for (EphemeralContainer c : copy.getSpec().getEphemeralContainers()) {
                    c.setEnv(null);
                    c.setCommand(null);
                    c.setArgs(null);
                }
            }
        }
        return copy;
    }

    private static void strip(List<Container> containers) {
        if (containers == null) {
            return;
        }
        for (Container c : containers) {
            c.setEnv(null);
            c.setCommand(null);
            c.setArgs(null);
        }
    }
}

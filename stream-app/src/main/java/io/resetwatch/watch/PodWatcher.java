package io.resetwatch.watch;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.FilterWatchListDeletable;
import io.fabric8.kubernetes.client.dsl.PodResource;
import io.fabric8.kubernetes.api.model.PodList;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.time.Duration;

/**
 * Watches pods with a fabric8 informer (it lists, watches, and relists and reconnects on its own) and
 * publishes every add, update and delete as a watch event. A resync re-publishes every pod as
 * {@code MODIFIED}; downstream tolerates that by diffing with the previous state of the pod.
 */
public final class PodWatcher implements ResourceEventHandler<Pod> {

    private final PodEventPublisher publisher;
    private final KubernetesSerialization serialization;

    public PodWatcher(PodEventPublisher publisher, KubernetesSerialization serialization) {
        this.publisher = publisher;
        this.serialization = serialization;
    }

    /**
     * Starts the informer and returns once the initial list has been published.
     *
     * @param namespace     one namespace, or null for all
     * @param labelSelector e.g. {@code app=checkout}, or null for every pod
     * @param resync        how often every pod is re-published; zero turns resync off
     */
    public static SharedIndexInformer<Pod> start(KubernetesClient client, String namespace, String labelSelector,
                                                 Duration resync, PodEventPublisher publisher) {
        FilterWatchListDeletable<Pod, PodList, PodResource> pods = namespace == null
                ? client.pods().inAnyNamespace()
                : client.pods().inNamespace(namespace);
        if (labelSelector != null) {
            pods = pods.withLabelSelector(labelSelector);
        }
        return pods.inform(new PodWatcher(publisher, client.getKubernetesSerialization()), resync.toMillis());
    }

    @Override
    public void onAdd(Pod pod) {
        publish(PodEvents.ADDED, pod);
    }

    @Override
    public void onUpdate(Pod previous, Pod current) {
        publish(PodEvents.MODIFIED, current);
    }

    @Override
    public void onDelete(Pod pod, boolean finalStateUnknown) {
        // finalStateUnknown: the delete was missed during a disconnect; the object is the last state seen.
        publish(PodEvents.DELETED, pod);
    }

    private void publish(String type, Pod pod) {
        publisher.publish(PodEvents.key(pod), PodEvents.toJson(type, pod, serialization));
    }
}

package io.resetwatch.watch;

/** Where pod watch events go: the command sends them to Kafka, tests collect them. */
@FunctionalInterface
public interface PodEventPublisher {

    /**
     * @param key   {@code <namespace>/<name>}, so one pod's records stay in order on one partition
     * @param value the watch event, {@code {"type":"ADDED|MODIFIED|DELETED","object":<Pod>}}
     */
    void publish(String key, String value);
}

package io.resetwatch.forward;

import io.resetwatch.model.Alert;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers a batch of alert records, in order, to every target. Each target retries until it accepts or
 * rejects an alert for good, so when {@link #deliver} returns, the batch is settled everywhere and its offsets
 * may be committed (at-least-once). Knows nothing about Kafka.
 */
public final class Forwarder {

    private static final Logger LOG = LoggerFactory.getLogger(Forwarder.class);

    private final List<AlertTarget> targets;
    private long delivered;
    private long rejected;

    public Forwarder(List<AlertTarget> targets) {
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("no alert target configured");
        }
        this.targets = List.copyOf(targets);
    }

    /** @throws InterruptedException when asked to stop mid-batch; nothing of the batch may be committed then */
    public void deliver(List<Alert> batch) throws InterruptedException {
        for (Alert alert : batch) {
            for (AlertTarget target : targets) {
                if (target.deliver(alert) == Delivery.ACCEPTED) {
                    delivered++;
                } else {
                    rejected++;
                }
            }
        }
        if (!batch.isEmpty()) {
            LOG.debug("delivered {} alert records to {} targets", batch.size(), targets.size());
        }
    }

    /** Deliveries accepted so far (alert × target). */
    public long delivered() {
        return delivered;
    }

    /** Deliveries skipped because a target refused the alert for good (alert × target). */
    public long rejected() {
        return rejected;
    }
}

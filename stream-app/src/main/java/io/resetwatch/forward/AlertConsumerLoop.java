package io.resetwatch.forward;

import io.resetwatch.model.Alert;
import io.resetwatch.serde.Json;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kafka side of {@code forward}: poll alert records, hand each batch to the {@link Forwarder}, commit
 * only once every target has settled the batch (at-least-once), and re-send open alerts to Alertmanager.
 *
 * <p>While a target is down the clients wait through {@link #awaitPaused}: the consumer's partitions are
 * paused and it keeps polling, so the group does not evict it and nothing new is read. On assignment the
 * Alertmanager client's open alerts are rebuilt by reading the assigned partitions from the beginning up
 * to the committed offsets (the topic is compacted by alert key, so that is the last state of each).
 */
public final class AlertConsumerLoop implements ConsumerRebalanceListener {

    private static final Logger LOG = LoggerFactory.getLogger(AlertConsumerLoop.class);
    static final Duration POLL_TIMEOUT = Duration.ofSeconds(1);
    static final Duration REBUILD_TIMEOUT = Duration.ofMinutes(2);

    private final Consumer<String, byte[]> consumer;
    private final String topic;
    /** A group-less consumer for the rebuild, created per assignment. */
    private final Supplier<Consumer<String, byte[]>> rebuildReader;
    private final Map<String, TopicPartition> partitionOfKey = new HashMap<>();
    private volatile boolean running = true;
    private boolean inBatch;
    private Forwarder forwarder;
    private AlertmanagerClient alertmanager;
    private long skipped;

    public AlertConsumerLoop(Consumer<String, byte[]> consumer, String topic,
                             Supplier<Consumer<String, byte[]>> rebuildReader) {
        this.consumer = consumer;
        this.topic = topic;
        this.rebuildReader = rebuildReader;
    }

    /** The {@link Waiter} for the clients: waits by polling with every partition paused. */
    public void awaitPaused(Duration duration) throws InterruptedException {
        if (!running) {
            throw new InterruptedException("shutting down");
        }
        consumer.pause(consumer.assignment());
        try {
            ConsumerRecords<String, byte[]> unexpected = consumer.poll(duration);
            // Paused partitions return nothing; should a record slip through, rewind so it is not lost.
            for (TopicPartition tp : unexpected.partitions()) {
                consumer.seek(tp, unexpected.records(tp).get(0).offset());
            }
            if (alertmanager != null) {
                alertmanager.resendIfDue(); // keeps Alertmanager's alerts alive while another target is down
            }
        } catch (WakeupException e) {
            throw new InterruptedException("shutting down");
        }
    }

    /**
     * Runs until {@link #stop()}.
     *
     * @param alertmanager the Alertmanager client for re-sends and rebuilds, or null when not configured
     */
    public void run(Forwarder forwarder, AlertmanagerClient alertmanager) throws InterruptedException {
        this.forwarder = forwarder;
        this.alertmanager = alertmanager;
        consumer.subscribe(List.of(topic), this);
        try {
            while (running) {
                ConsumerRecords<String, byte[]> records = consumer.poll(POLL_TIMEOUT);
                if (!records.isEmpty()) {
                    inBatch = true;
                    forwarder.deliver(parse(records));
                    inBatch = false;
                    commit(records);
                    consumer.resume(consumer.paused());
                }
                if (alertmanager != null) {
                    alertmanager.resendIfDue();
                }
            }
        } catch (WakeupException e) {
            if (running) {
                throw e;
            }
        } catch (InterruptedException e) {
            if (running) {
                throw e;
            }
        }
        LOG.info("forward stopped: delivered={} rejected={} skipped_records={}", forwarder.delivered(),
                forwarder.rejected(), skipped);
    }

    /** Called from the shutdown hook. */
    public void stop() {
        running = false;
        consumer.wakeup();
    }

    private List<Alert> parse(ConsumerRecords<String, byte[]> records) {
        List<Alert> batch = new ArrayList<>(records.count());
        for (ConsumerRecord<String, byte[]> record : records) {
            Alert alert = read(record);
            if (alert != null) {
                batch.add(alert);
                partitionOfKey.put(alert.alertKey(), new TopicPartition(record.topic(), record.partition()));
            }
        }
        return batch;
    }

    private Alert read(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            return null; // a tombstone: compaction's delete marker, nothing to deliver
        }
        try {
            Alert alert = Json.mapper().readValue(record.value(), Alert.class);
            if (alert.alertKey() == null || alert.status() == null) {
                throw new IOException("no alert_key or status");
            }
            return alert;
        } catch (IOException e) {
            skipped++;
            LOG.warn("skipping record {}-{}@{}: not an alert ({})", record.topic(), record.partition(),
                    record.offset(), e.getClass().getSimpleName());
            return null;
        }
    }

    private void commit(ConsumerRecords<String, byte[]> records) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        Set<TopicPartition> assigned = consumer.assignment();
        for (TopicPartition tp : records.partitions()) {
            if (assigned.contains(tp)) { // a partition revoked mid-batch is the new owner's to commit
                List<ConsumerRecord<String, byte[]>> partitionRecords = records.records(tp);
                offsets.put(tp, new OffsetAndMetadata(partitionRecords.get(partitionRecords.size() - 1).offset() + 1));
            }
        }
        try {
            consumer.commitSync(offsets);
        } catch (CommitFailedException | RebalanceInProgressException e) {
            // Delivered but not committed: these records will be delivered again (at-least-once).
            LOG.warn("commit failed, records will be delivered again: {}", e.getClass().getSimpleName());
        }
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        if (inBatch) {
            consumer.pause(partitions); // read nothing new until the current batch is settled
        }
        if (alertmanager != null && !partitions.isEmpty()) {
            rebuild(Set.copyOf(partitions));
        }
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        if (alertmanager == null) {
            return;
        }
        Set<String> keys = new HashSet<>();
        partitionOfKey.forEach((key, tp) -> {
            if (partitions.contains(tp)) {
                keys.add(key);
            }
        });
        alertmanager.forget(keys);
        partitionOfKey.keySet().removeAll(keys);
    }

    /** Reads each assigned partition up to its committed offset so open alerts are re-sent after a restart. */
    private void rebuild(Set<TopicPartition> partitions) {
        Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(partitions);
        Map<TopicPartition, Long> ends = new HashMap<>();
        committed.forEach((tp, offset) -> {
            if (offset != null && offset.offset() > 0) {
                ends.put(tp, offset.offset());
            }
        });
        if (ends.isEmpty()) {
            return;
        }
        int remembered = 0;
        Instant deadline = Instant.now().plus(REBUILD_TIMEOUT);
        try (Consumer<String, byte[]> reader = rebuildReader.get()) {
            reader.assign(ends.keySet());
            reader.seekToBeginning(ends.keySet());
            Set<TopicPartition> pending = new HashSet<>(ends.keySet());
            while (!pending.isEmpty() && Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, byte[]> record : reader.poll(POLL_TIMEOUT)) {
                    TopicPartition tp = new TopicPartition(record.topic(), record.partition());
                    if (record.offset() < ends.get(tp) && record.value() != null) {
                        Alert alert = read(record);
                        if (alert != null) {
                            alertmanager.remember(alert);
                            partitionOfKey.put(alert.alertKey(), tp);
                            remembered++;
                        }
                    }
                }
                pending.removeIf(tp -> reader.position(tp) >= ends.get(tp));
            }
            if (!pending.isEmpty()) {
                LOG.warn("rebuild of open alerts incomplete after {}: partitions {}", REBUILD_TIMEOUT, pending);
            }
        }
        LOG.info("rebuilt open alerts from {} partitions: {} records read, {} alerts open", ends.size(), remembered,
                alertmanager.trackedKeys().size());
    }

    /** Consumer settings the loop relies on; callers add bootstrap servers and security. */
    public static Properties consumerDefaults(String groupId) {
        Properties p = new Properties();
        p.setProperty("group.id", groupId);
        p.setProperty("enable.auto.commit", "false");
        p.setProperty("isolation.level", "read_committed");
        p.setProperty("auto.offset.reset", "earliest");
        p.setProperty("max.poll.records", "100");
        p.setProperty("key.deserializer", "org.apache.kafka.common.serialization.StringDeserializer");
        p.setProperty("value.deserializer", "org.apache.kafka.common.serialization.ByteArrayDeserializer");
        return p;
    }
}

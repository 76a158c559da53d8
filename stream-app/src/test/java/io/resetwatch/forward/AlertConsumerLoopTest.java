package io.resetwatch.forward;

import static org.assertj.core.api.Assertions.assertThat;

import io.resetwatch.model.Alert;
import io.resetwatch.serde.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** The Kafka side: nothing is committed until every target settled the batch; a down target pauses reading. */
class AlertConsumerLoopTest {

    private static final String TOPIC = "resetwatch-alerts";
    private static final TopicPartition PARTITION = new TopicPartition(TOPIC, 0);

    private final MockConsumer<String, byte[]> consumer = new MockConsumer<>("earliest");
    private final AlertConsumerLoop loop = new AlertConsumerLoop(consumer, TOPIC, () -> {
        throw new AssertionError("no rebuild without Alertmanager");
    });
    private final List<String> seenWhileRetrying = new ArrayList<>();

    @Test
    void shouldCommitOnlyAfterADownTargetFinallyAcceptedAndReadNothingMeanwhile() throws Exception {
        consumer.schedulePollTask(() -> {
            consumer.rebalance(List.of(PARTITION));
            consumer.updateBeginningOffsets(Map.of(PARTITION, 0L));
            consumer.addRecord(record(0, TestAlerts.firing("checkout")));
            consumer.addRecord(record(1, TestAlerts.firing("cart")));
        });
        AlertTarget downOnce = new AlertTarget() {
            private boolean failedOnce;

            @Override
            public String name() {
                return "flaky";
            }

            @Override
            public Delivery deliver(Alert alert) throws InterruptedException {
                if (!failedOnce) {
                    failedOnce = true;
                    loop.awaitPaused(Duration.ofMillis(1)); // what a client does between retries
                    seenWhileRetrying.add("paused=" + consumer.paused() + " committed=" + committed());
                }
                if (alert.service().equals("cart")) {
                    loop.stop(); // after this batch
                }
                return Delivery.ACCEPTED;
            }
        };

        loop.run(new Forwarder(List.of(downOnce)), null);

        assertThat(seenWhileRetrying).containsExactly("paused=[" + PARTITION + "] committed=null");
        assertThat(committed()).isEqualTo(2L);
        assertThat(consumer.paused()).isEmpty();
    }

    @Test
    void shouldSkipRecordsThatAreNotAlertsAndStillCommitThem() throws Exception {
        List<String> delivered = new ArrayList<>();
        consumer.schedulePollTask(() -> {
            consumer.rebalance(List.of(PARTITION));
            consumer.updateBeginningOffsets(Map.of(PARTITION, 0L));
            consumer.addRecord(new ConsumerRecord<>(TOPIC, 0, 0, "k", "not json".getBytes()));
            consumer.addRecord(new ConsumerRecord<>(TOPIC, 0, 1, "k", null));
            consumer.addRecord(record(2, TestAlerts.firing("checkout")));
        });
        AlertTarget target = new AlertTarget() {
            @Override
            public String name() {
                return "collect";
            }

            @Override
            public Delivery deliver(Alert alert) {
                delivered.add(alert.service());
                loop.stop();
                return Delivery.ACCEPTED;
            }
        };

        loop.run(new Forwarder(List.of(target)), null);

        assertThat(delivered).containsExactly("checkout");
        assertThat(committed()).isEqualTo(3L);
    }

    private Long committed() {
        OffsetAndMetadata offset = consumer.committed(Set.of(PARTITION)).get(PARTITION);
        return offset == null ? null : offset.offset();
    }

    private static ConsumerRecord<String, byte[]> record(long offset, Alert alert) {
        try {
            return new ConsumerRecord<>(TOPIC, 0, offset, alert.alertKey(), Json.mapper().writeValueAsBytes(alert));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

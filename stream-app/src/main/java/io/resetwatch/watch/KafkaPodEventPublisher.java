package io.resetwatch.watch;

import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Publishes pod watch events to a topic with an idempotent, acks=all producer. A send that fails after the
 * producer's own retries completes {@link #failure()}: the command then exits non-zero, and on restart the
 * informer's initial list re-publishes every pod, so the gap closes.
 */
public final class KafkaPodEventPublisher implements PodEventPublisher, AutoCloseable {

    private final Producer<String, String> producer;
    private final String topic;
    private final CompletableFuture<Exception> failure = new CompletableFuture<>();

    public KafkaPodEventPublisher(Producer<String, String> producer, String topic) {
        this.producer = producer;
        this.topic = topic;
    }

    public static KafkaPodEventPublisher create(Properties kafka, String topic) {
        return new KafkaPodEventPublisher(new KafkaProducer<>(kafka), topic);
    }

    /** Producer settings the watch relies on; callers add bootstrap servers and security. */
    public static Properties producerDefaults() {
        Properties p = new Properties();
        p.setProperty("acks", "all");
        p.setProperty("enable.idempotence", "true");
        p.setProperty("compression.type", "lz4");
        p.setProperty("linger.ms", "20");
        p.setProperty("key.serializer", "org.apache.kafka.common.serialization.StringSerializer");
        p.setProperty("value.serializer", "org.apache.kafka.common.serialization.StringSerializer");
        return p;
    }

    @Override
    public void publish(String key, String value) {
        producer.send(new ProducerRecord<>(topic, key, value), (metadata, exception) -> {
            if (exception != null) {
                failure.complete(exception);
            }
        });
    }

    /** Completes with the first send that failed for good. */
    public CompletableFuture<Exception> failure() {
        return failure;
    }

    @Override
    public void close() {
        producer.close();
    }
}

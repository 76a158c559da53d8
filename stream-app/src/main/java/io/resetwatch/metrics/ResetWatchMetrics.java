package io.resetwatch.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * resetwatch's own counters (CONTRACTS §7), on an injected registry. Tags are only of bounded cardinality:
 * format, reason, topic, namespace, service, flag, cause, status — never pod, IP, path or request id.
 */
public final class ResetWatchMetrics {

    private final MeterRegistry registry;
    private final ConcurrentMap<String, Counter> counters = new ConcurrentHashMap<>();

    public ResetWatchMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public MeterRegistry registry() {
        return registry;
    }

    public void parsed(String format) {
        count("resetwatch.records.parsed", "records parsed, per detected format", "format", format);
    }

    public void skipped(String reason) {
        count("resetwatch.records.skipped", "well-formed records that are not access logs or lifecycle records",
                "reason", reason);
    }

    public void deadLetter(String topic, String reasonCategory) {
        count("resetwatch.dead.letters", "records sent to the dead-letter topic", "topic", topic,
                "reason", reasonCategory);
    }

    public void unattributable() {
        count("resetwatch.unattributable", "access-log lines with no upstream (NR, BlackHole, no host)");
    }

    public void excluded() {
        count("resetwatch.excluded", "access-log lines excluded by namespace, service or path prefix");
    }

    public void reset(String namespace, String service, String flag) {
        count("resetwatch.resets", "reset-family flags seen, per upstream", "namespace", namespace,
                "service", service, "flag", flag);
    }

    public void late() {
        count("resetwatch.late.records", "observations that arrived after their window closed (beyond grace)");
    }

    public void futureRecord() {
        count("resetwatch.future.records", "records too far ahead of stream time to move it alone");
    }

    public void idleAdvance() {
        count("resetwatch.idle.advances", "wall-clock time advances on idle partitions");
    }

    public void alert(String cause, String status) {
        count("resetwatch.alerts", "alert records emitted", "cause", cause, "status", status);
    }

    public void facts(String type) {
        count("resetwatch.lifecycle.facts", "lifecycle facts produced", "type", type);
    }

    private void count(String name, String description, String... tags) {
        String id = name + String.join("|", tags);
        counters.computeIfAbsent(id, k -> Counter.builder(name).description(description).tags(tags)
                .register(registry)).increment();
    }
}

package io.resetwatch.classify;

import java.time.Instant;

/**
 * One piece of evidence behind a candidate cause, readable on its own in an alert.
 *
 * @param kind   what it is: a fact type (e.g. CONTAINER_OOM_KILLED), or flags, durations, reset_reason,
 *               transport_failure, spread, node
 * @param detail one human sentence with the figures, e.g. "checkout-7d9f-x2kqp container app OOMKilled (exit 137) at 10:15:40Z"
 * @param time   when it happened, for lifecycle facts; null for aggregate evidence
 * @param pod    the pod it concerns, if any
 * @param node   the node it concerns, if any
 */
public record Evidence(String kind, String detail, Instant time, String pod, String node) {
}

/**
 * Kubernetes pod-lifecycle records → {@link io.resetwatch.model.LifecycleFact}s (DOMAIN §7–§9, CONTRACTS §2–§3).
 * Plain Java: no Kafka here.
 *
 * <p>{@link io.resetwatch.lifecycle.LifecycleParser} reads one record value. Events become facts at once
 * ({@code Facts}); pod objects and pod watch events become a {@link io.resetwatch.lifecycle.PodSnapshot}
 * ({@code PodObserved}) and the caller, which keeps the previous snapshot per pod uid, asks
 * {@link io.resetwatch.lifecycle.PodTransitions} what changed.
 *
 * <p>Decisions callers rely on:
 * <ul>
 *   <li>Facts are keyed by what they concern ({@code LifecycleFact.subjectKey()}): pod events by
 *       {@code involvedObject.uid}, never by the exporter's Kafka key (the Event's own uid); node OOM and
 *       NodeNotReady on a Node by the node; SuccessfulDelete/Create by the ReplicaSet with the pod in
 *       {@code podName}; ScalingReplicaSet by the ReplicaSet its message names (the owner its pods reference),
 *       not by the Deployment.</li>
 *   <li>For NODE_OOM, {@code container} holds the victim process name (the kernel names processes).</li>
 *   <li>Events whose reason carries no lifecycle evidence (Scheduled, Pulling, ...) and Events about other kinds
 *       than Pod, Node, ReplicaSet, Deployment, StatefulSet, DaemonSet are {@code Skipped}, with a fixed reason.</li>
 *   <li>eventrouter UPDATED records report only the occurrences added since {@code old_event}.</li>
 *   <li>Times: RFC 3339; Go's zero time reads as absent; the flanksource/is-healthy fixture notation
 *       {@code @now[+-]<n><s|m|h|d>} resolves against the record timestamp; anything else unparseable rejects the
 *       record.</li>
 *   <li>Pods with {@code hostNetwork} produce no IP facts (their IP is the node's). Partial pods (status only, one
 *       container status) parse, with null identity.</li>
 *   <li>Evidence text (messages) has query strings and credential values removed and is cut to 1 KiB of UTF-8;
 *       labels are cut down to workload-identifying ones.</li>
 * </ul>
 */
package io.resetwatch.lifecycle;

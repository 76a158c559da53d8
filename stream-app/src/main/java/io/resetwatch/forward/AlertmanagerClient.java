package io.resetwatch.forward;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.resetwatch.forward.AlertmanagerPayload.PostableAlert;
import io.resetwatch.model.Alert;
import io.resetwatch.serde.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Delivers alerts to Alertmanager ({@code POST <url>/api/v2/alerts}) and keeps them alive there.
 *
 * <p>Alertmanager forgets an alert at its {@code endsAt}, so a firing alert is sent with {@code endsAt} a
 * horizon ahead (4 re-send intervals) and re-sent every interval with the horizon moved forward
 * ({@link #resendIfDue()}); it lapses only if resetwatch stops sending it. A resolved record is sent with
 * {@code endsAt = resolved_at} and then re-sent for {@link #RESOLVED_KEEP} so that an Alertmanager that missed
 * it (restart, HA peer) still learns of the resolution. When an incident's labels change (its cause is
 * refined, its severity changes), the previous label set is a different alert to Alertmanager: it is ended
 * in the same request.
 *
 * <p>Not thread-safe: the forwarder calls it from its consumer thread only.
 */
public final class AlertmanagerClient implements AlertTarget {

    public static final Duration RESOLVED_KEEP = Duration.ofMinutes(5);
    static final int HORIZON_INTERVALS = 4;

    private final URI alertsUri;
    private final Clock clock;
    private final Duration resendInterval;
    private final Duration horizon;
    private final JsonPoster poster;
    /** Alerts still worth re-sending, by alert key, in the order they were first seen. */
    private final Map<String, Tracked> tracked = new LinkedHashMap<>();
    private Instant nextResend;

    private record Tracked(Alert alert, PostableAlert lastSent, Instant resolvedSentAt) {
        boolean firing() {
            return resolvedSentAt == null;
        }
    }

    public AlertmanagerClient(HttpClient http, URI baseUrl, Clock clock, Duration resendInterval, Backoff backoff,
                              Waiter waiter) {
        this.alertsUri = URI.create(stripTrailingSlash(baseUrl.toString()) + "/api/v2/alerts");
        this.clock = clock;
        this.resendInterval = resendInterval;
        this.horizon = resendInterval.multipliedBy(HORIZON_INTERVALS);
        this.poster = new JsonPoster(http, backoff, waiter, name());
        this.nextResend = clock.instant().plus(resendInterval);
    }

    @Override
    public String name() {
        return "alertmanager";
    }

    @Override
    public Delivery deliver(Alert alert) throws InterruptedException {
        Instant now = clock.instant();
        PostableAlert postable = AlertmanagerPayload.toPostable(alert, now, horizon);
        List<PostableAlert> body = new ArrayList<>(2);
        body.add(postable);
        Tracked previous = tracked.get(alert.alertKey());
        if (previous != null && previous.firing() && !previous.lastSent().labels().equals(postable.labels())) {
            body.add(previous.lastSent().endingAt(now)); // the superseded label set is another alert to AM
        }
        Delivery result = poster.postUntilSettled(alertsUri, toJson(body), alert.alertKey());
        if (result == Delivery.ACCEPTED) {
            tracked.put(alert.alertKey(), new Tracked(alert, postable, alert.firing() ? null : now));
        } else {
            tracked.remove(alert.alertKey()); // poison: do not keep re-sending what AM refuses
        }
        return result;
    }

    /**
     * Records an alert that was delivered before this process started (rebuilt from the alerts topic), so
     * that it is re-sent from the next interval on. Resolved alerts older than {@link #RESOLVED_KEEP} are
     * not kept.
     */
    public void remember(Alert alert) {
        Instant now = clock.instant();
        if (alert.firing()) {
            tracked.put(alert.alertKey(), new Tracked(alert, AlertmanagerPayload.toPostable(alert, now, horizon), null));
        } else if (alert.resolvedAt() != null && alert.resolvedAt().plus(RESOLVED_KEEP).isAfter(now)) {
            tracked.put(alert.alertKey(), new Tracked(alert, AlertmanagerPayload.toPostable(alert, now, horizon),
                    alert.resolvedAt()));
        } else {
            tracked.remove(alert.alertKey());
        }
    }

    /** Stops re-sending these alerts (their partition went to another forwarder). */
    public void forget(Set<String> alertKeys) {
        tracked.keySet().removeAll(alertKeys);
    }

    /** Alert keys still being re-sent. */
    public Set<String> trackedKeys() {
        return Set.copyOf(tracked.keySet());
    }

    /**
     * Re-sends every tracked alert when the interval has passed: firing ones with {@code endsAt} moved a
     * horizon ahead, resolved ones unchanged until {@link #RESOLVED_KEEP} after their resolution was sent.
     * One attempt: a failure is retried at the next interval, well before any {@code endsAt} lapses.
     *
     * @return whether a re-send was due
     */
    public boolean resendIfDue() throws InterruptedException {
        Instant now = clock.instant();
        if (now.isBefore(nextResend)) {
            return false;
        }
        nextResend = now.plus(resendInterval);
        List<PostableAlert> body = new ArrayList<>(tracked.size());
        tracked.values().removeIf(t -> !t.firing() && t.resolvedSentAt().plus(RESOLVED_KEEP).isBefore(now));
        for (Tracked t : tracked.values()) {
            body.add(t.firing() ? AlertmanagerPayload.toPostable(t.alert(), now, horizon) : t.lastSent());
        }
        if (!body.isEmpty()) {
            poster.postOnce(alertsUri, toJson(body), body.size() + " re-sent alerts");
        }
        return true;
    }

    /** When the next re-send is due, so a caller can bound its waits. */
    public Instant nextResend() {
        return nextResend;
    }

    private static byte[] toJson(List<PostableAlert> body) {
        try {
            return Json.mapper().writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize Alertmanager payload", e);
        }
    }

    private static String stripTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}

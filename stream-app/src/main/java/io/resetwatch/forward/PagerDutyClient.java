package io.resetwatch.forward;

import io.resetwatch.model.Alert;
import java.net.URI;
import java.net.http.HttpClient;

/**
 * Delivers alerts to the PagerDuty Events API v2: trigger while firing, resolve when resolved, one PagerDuty
 * alert per incident through {@code dedup_key = alert key}. The routing key is a secret: it goes into the
 * request body only, never into a log line or an exception message.
 */
public final class PagerDutyClient implements AlertTarget {

    public static final URI DEFAULT_URL = URI.create("https://events.pagerduty.com");

    private final URI enqueueUri;
    private final String routingKey;
    private final JsonPoster poster;

    public PagerDutyClient(HttpClient http, URI baseUrl, String routingKey, Backoff backoff, Waiter waiter) {
        if (routingKey == null || routingKey.isBlank()) {
            throw new IllegalArgumentException("PagerDuty routing key is empty");
        }
        String base = baseUrl.toString();
        this.enqueueUri = URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/v2/enqueue");
        this.routingKey = routingKey;
        this.poster = new JsonPoster(http, backoff, waiter, name());
    }

    @Override
    public String name() {
        return "pagerduty";
    }

    @Override
    public Delivery deliver(Alert alert) throws InterruptedException {
        byte[] body = PagerDutyEvent.of(alert, routingKey).toJsonBytes(alert);
        return poster.postUntilSettled(enqueueUri, body, alert.alertKey());
    }

    @Override
    public String toString() {
        return "PagerDutyClient[" + enqueueUri + "]"; // never the routing key
    }
}

package io.resetwatch.forward;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POSTs a JSON body and sorts the answer into accepted / retry / rejected; retries with back-off. Logs one
 * line per failed attempt with the target, the alert key and the status: never the body or the URL's query
 * (either may carry a secret).
 */
final class JsonPoster {

    private static final Logger LOG = LoggerFactory.getLogger(JsonPoster.class);
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient http;
    private final Backoff backoff;
    private final Waiter waiter;
    private final String target;
    private final RandomGenerator random = RandomGenerator.getDefault();

    JsonPoster(HttpClient http, Backoff backoff, Waiter waiter, String target) {
        this.http = http;
        this.backoff = backoff;
        this.waiter = waiter;
        this.target = target;
    }

    /** Posts until the target accepts or rejects; a down target delays, never drops. */
    Delivery postUntilSettled(URI uri, byte[] body, String alertKey) throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            Delivery result = postOnce(uri, body, alertKey);
            if (result != Delivery.RETRY) {
                return result;
            }
            waiter.await(backoff.delay(attempt, random));
        }
    }

    Delivery postOnce(URI uri, byte[] body, String alertKey) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        int status;
        try {
            status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            LOG.warn("{}: alert {} not delivered, will retry: {}", target, alertKey, e.getClass().getSimpleName());
            return Delivery.RETRY;
        }
        Delivery result = classify(status);
        if (result == Delivery.RETRY) {
            LOG.warn("{}: alert {} not delivered, will retry: HTTP {}", target, alertKey, status);
        } else if (result == Delivery.REJECTED) {
            LOG.error("{}: alert {} rejected with HTTP {}, skipping it", target, alertKey, status);
        }
        return result;
    }

    static Delivery classify(int status) {
        if (status >= 200 && status < 300) {
            return Delivery.ACCEPTED;
        }
        if (status == 408 || status == 429 || status >= 500) {
            return Delivery.RETRY;
        }
        return Delivery.REJECTED;
    }
}

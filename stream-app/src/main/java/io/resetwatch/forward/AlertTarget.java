package io.resetwatch.forward;

import io.resetwatch.model.Alert;

/** One place alerts are delivered to. */
public interface AlertTarget {

    /** Short name for logs, e.g. {@code alertmanager}. */
    String name();

    /**
     * Delivers one alert, retrying with back-off until the target accepts or rejects it for good.
     *
     * @return {@link Delivery#ACCEPTED} or {@link Delivery#REJECTED}, never {@link Delivery#RETRY}
     * @throws InterruptedException when asked to stop while waiting to retry
     */
    Delivery deliver(Alert alert) throws InterruptedException;
}

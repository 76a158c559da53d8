package io.resetwatch.forward;

/** What one delivery attempt (or a delivery with its retries) came to. */
public enum Delivery {
    /** The target took the alert (2xx). */
    ACCEPTED,
    /** Worth trying again later: 429, 5xx, a connection or timeout error. */
    RETRY,
    /** The target refuses this alert for good (4xx other than 429): skip it, a retry cannot help. */
    REJECTED
}

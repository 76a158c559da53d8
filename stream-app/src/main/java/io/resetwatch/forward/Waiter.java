package io.resetwatch.forward;

import java.time.Duration;

/**
 * How a client waits between retries. The command waits by polling its paused consumer (so the group does
 * not evict it while an endpoint is down); tests wait a few milliseconds.
 */
@FunctionalInterface
public interface Waiter {

    Waiter SLEEP = duration -> Thread.sleep(duration.toMillis());

    void await(Duration duration) throws InterruptedException;
}

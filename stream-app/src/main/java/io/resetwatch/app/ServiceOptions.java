package io.resetwatch.app;

import io.resetwatch.config.Settings;
import java.time.Duration;
import java.util.Properties;

/** What {@link ResetWatchService} needs, already validated. */
public record ServiceOptions(
        Settings settings,
        Properties streamsProperties,
        String httpHost,
        int httpPort,
        boolean apiEnabled,
        boolean createTopics,
        int createdTopicPartitions,
        short replicationFactor,
        Duration shutdownTimeout) {
}

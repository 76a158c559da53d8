package io.resetwatch.app;

import io.resetwatch.config.RuntimeConfig;
import io.resetwatch.config.Settings;
import java.nio.file.Path;
import java.util.Map;

/** Settings for the commands that run the topology without Kafka ({@code replay}): same layers as {@code run}. */
final class RuntimeSettings {

    private RuntimeSettings() {
    }

    static Settings forOffline(Path configFile) {
        return RuntimeConfig.load(configFile, System.getenv(), Map.of()).settings();
    }
}

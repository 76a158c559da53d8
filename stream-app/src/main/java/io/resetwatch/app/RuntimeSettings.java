package io.resetwatch.app;

import io.resetwatch.config.Settings;
import java.nio.file.Path;

/** Where the commands get their settings from (the layered loader, once wired). */
final class RuntimeSettings {

    private RuntimeSettings() {
    }

    static Settings forOffline(Path configFile) {
        return Settings.defaults();
    }
}

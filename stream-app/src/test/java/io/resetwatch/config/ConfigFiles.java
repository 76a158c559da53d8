package io.resetwatch.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes a properties file for a test. */
final class ConfigFiles {

    private ConfigFiles() {
    }

    static Path write(Path dir, String... lines) {
        try {
            Path file = Files.createTempFile(dir, "resetwatch", ".properties");
            Files.writeString(file, String.join("\n", lines) + "\n");
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

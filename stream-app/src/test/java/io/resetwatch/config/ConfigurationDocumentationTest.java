package io.resetwatch.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's configuration table is the defaults file: regenerate it with ConfigurationTable when they differ. */
class ConfigurationDocumentationTest {

    @Test
    void shouldDocumentEveryKeyWithItsDefaultInTheReadme() throws IOException {
        String readme = Files.readString(repositoryRoot().resolve("README.md"));
        for (ConfigurationTable.Row row : ConfigurationTable.rows()) {
            assertThat(readme).as("README row for %s", row.key()).contains(row.markdown());
        }
    }

    @Test
    void shouldDescribeEveryKey() {
        assertThat(ConfigurationTable.rows()).allSatisfy(row -> assertThat(row.description()).isNotBlank());
    }

    static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !(Files.exists(dir.resolve("pom.xml")) && Files.isDirectory(dir.resolve("stream-app")))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("cannot find the repository root above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }
}

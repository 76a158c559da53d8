package io.resetwatch.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import io.resetwatch.model.Alert;
import io.resetwatch.serde.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Validates alerts exactly as they are serialized against schemas/alert.schema.json. */
public final class AlertSchema {

    private static final Schema SCHEMA = load();

    private AlertSchema() {
    }

    public static void assertValid(Alert alert) {
        List<Error> errors = SCHEMA.validate(Json.mapper().valueToTree(alert));
        assertThat(errors).as("schema errors for alert %s r%d", alert.alertKey(), alert.revision()).isEmpty();
    }

    public static void assertAllValid(List<Alert> alerts) {
        alerts.forEach(AlertSchema::assertValid);
    }

    private static Schema load() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("schemas/alert.schema.json"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("schemas/alert.schema.json not found above the working directory");
        }
        try (InputStream in = Files.newInputStream(dir.resolve("schemas/alert.schema.json"))) {
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                    b -> b.schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()))
                    .getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

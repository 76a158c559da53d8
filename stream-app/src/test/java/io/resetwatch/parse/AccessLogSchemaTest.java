package io.resetwatch.parse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import io.resetwatch.serde.Json;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static io.resetwatch.parse.Outcomes.parsed;
import static io.resetwatch.parse.Outcomes.utf8;
import static org.assertj.core.api.Assertions.assertThat;

/** schemas/access-log.schema.json describes exactly what serde/Json writes for every parsed record. */
class AccessLogSchemaTest {

    private static final long RECORD_TS = Instant.parse("2030-01-01T00:00:00Z").toEpochMilli();
    private static final Path SCHEMA = Path.of("../schemas/access-log.schema.json");

    private final AccessLogParser parser = new AccessLogParser(AccessLogParser.DEFAULT_MAX_RECORD_BYTES);
    private final Schema schema = load();

    @Test
    void shouldValidateEveryParsedCorpusRecordAgainstTheSchema() {
        List<byte[]> values = new ArrayList<>();
        Corpus.realLines().forEach(l -> values.add(l.value()));
        Corpus.envelopes().forEach(e -> values.add(e.value()));
        values.add(utf8(IstioJsonFormatTest.TYPED));
        values.add(utf8("2024-06-18T10:21:42.7Z stdout F " + IstioTextFormatTest.TEXT_1_9));

        for (byte[] value : values) {
            JsonNode json = Json.mapper().valueToTree(parsed(parser.parse(value, RECORD_TS)));
            List<Error> errors = schema.validate(json);
            assertThat(errors).as(json.toString()).isEmpty();
        }
    }

    @Test
    void shouldRejectARecordThatDriftsFromTheSchema() {
        ObjectNode json = Json.mapper().valueToTree(parsed(parser.parse(utf8(IstioJsonFormatTest.TYPED), RECORD_TS)));
        json.put("user_agent", "curl/8.0");
        json.put("start_time", "yesterday");
        json.remove("route_name");

        assertThat(schema.validate(json)).extracting(Error::getKeyword)
                .contains("additionalProperties", "format", "required");
    }

    private static Schema load() {
        try (InputStream in = Files.newInputStream(SCHEMA)) {
            SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                    b -> b.schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));
            return registry.getSchema(in);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}

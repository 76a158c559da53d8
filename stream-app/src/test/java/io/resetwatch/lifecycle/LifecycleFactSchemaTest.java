package io.resetwatch.lifecycle;

import static io.resetwatch.lifecycle.PodJson.pod;
import static io.resetwatch.lifecycle.PodJson.running;
import static io.resetwatch.lifecycle.PodJson.termination;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import io.resetwatch.model.FactType;
import io.resetwatch.model.LifecycleFact;
import io.resetwatch.serde.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** schemas/lifecycle-fact.schema.json describes LifecycleFact exactly as the shared mapper writes it. */
class LifecycleFactSchemaTest {

    /** Surefire runs in the module directory; the schema lives at the repository root. */
    private static final Path SCHEMA = Path.of("..", "schemas", "lifecycle-fact.schema.json");

    private static Schema schema;
    private static JsonNode schemaTree;

    @BeforeAll
    static void loadSchema() throws IOException {
        String text = Files.readString(SCHEMA);
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));
        schema = registry.getSchema(text, InputFormat.JSON);
        schemaTree = Json.mapper().readTree(text);
    }

    @Test
    void shouldValidateEveryFactProducedFromTheCorpus() {
        List<LifecycleFact> facts = new ArrayList<>();
        for (JsonNode record : Corpus.lines("pod-events/real-events.jsonl")) {
            facts.addAll(LifecycleCorpusTest.factsOf(new LifecycleParser().parse(Corpus.value(record), LifecycleCorpusTest.TS)));
        }
        assertThat(facts).hasSizeGreaterThanOrEqualTo(12);
        for (LifecycleFact fact : facts) {
            assertThat(errors(fact)).as(fact.type() + " from " + fact.source()).isEmpty();
        }
    }

    @Test
    void shouldValidateFactsWithEveryOptionalFieldSet() {
        long ts = LifecycleCorpusTest.TS;
        byte[] json = pod().ip("10.244.1.17").deletion("2024-11-20T10:00:40Z", 30)
                .container("web", 2, running("2024-11-20T09:50:00Z"), termination("OOMKilled", 137, "2024-11-20T09:49:58Z", "f1"))
                .watch("MODIFIED");
        List<LifecycleFact> facts = LifecycleParser.facts(new LifecycleParser().parse(json, ts), null, ts);

        assertThat(facts).extracting(LifecycleFact::type)
                .contains(FactType.IP_ASSIGNED, FactType.CONTAINER_OOM_KILLED, FactType.POD_DELETING);
        for (LifecycleFact fact : facts) {
            assertThat(errors(fact)).as(fact.type().name()).isEmpty();
        }
    }

    @Test
    void shouldRejectAFactMissingAFieldOrCarryingAnUnknownOne() {
        LifecycleFact fact = LifecycleCorpusTest.factsOf(new LifecycleParser().parse(EventJson.normal("Killing", "Stopping container web").bytes(),
                LifecycleCorpusTest.TS)).get(0);
        var tree = (com.fasterxml.jackson.databind.node.ObjectNode) Json.mapper().valueToTree(fact);

        assertThat(schema.validate(tree.deepCopy().without("pod_uid"))).isNotEmpty();
        assertThat(schema.validate(tree.deepCopy().put("subject_key", "pod:x"))).isNotEmpty();
        assertThat(schema.validate(tree.deepCopy().put("time", "yesterday"))).isNotEmpty();
    }

    @Test
    void shouldListEveryFactTypeAndNoOther() {
        List<String> inSchema = new ArrayList<>();
        schemaTree.get("properties").get("type").get("enum").forEach(n -> inSchema.add(n.asText()));

        assertThat(inSchema).containsExactlyElementsOf(Arrays.stream(FactType.values()).map(Enum::name).toList());
    }

    private static List<Error> errors(LifecycleFact fact) {
        JsonNode tree = Json.mapper().valueToTree(fact);
        return schema.validate(tree);
    }
}

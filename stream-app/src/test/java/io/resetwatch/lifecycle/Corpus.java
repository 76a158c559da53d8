package io.resetwatch.lifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import io.resetwatch.serde.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Reads the committed public corpus (src/test/resources/corpus, see its README). */
final class Corpus {

    private Corpus() {
    }

    static List<JsonNode> lines(String resource) {
        var stream = Corpus.class.getClassLoader().getResourceAsStream("corpus/" + resource);
        if (stream == null) {
            throw new IllegalStateException("corpus file missing: " + resource);
        }
        try (var reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            return reader.lines().filter(line -> !line.isBlank()).map(Corpus::tree).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] value(JsonNode line) {
        try {
            return Json.mapper().writeValueAsBytes(line.get("value"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode tree(String line) {
        try {
            return Json.mapper().readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

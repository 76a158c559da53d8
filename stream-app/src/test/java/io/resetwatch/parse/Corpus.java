package io.resetwatch.parse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The committed public corpus (src/test/resources/corpus/access-logs), as Kafka record values. */
final class Corpus {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Path DIR = Path.of("src/test/resources/corpus/access-logs");

    record Line(String id, String format, List<String> flags, byte[] value) {
        @Override
        public String toString() {
            return id;
        }
    }

    record Envelope(String id, String agent, byte[] value) {
        @Override
        public String toString() {
            return id;
        }
    }

    private Corpus() {
    }

    static List<Line> realLines() {
        List<Line> lines = new ArrayList<>();
        for (JsonNode n : read("real-lines.jsonl")) {
            List<String> flags = new ArrayList<>();
            n.get("flags").forEach(f -> flags.add(f.asText()));
            lines.add(new Line(n.get("id").asText(), n.get("format").asText(), flags,
                    undoPasteArtefacts(n.get("line").asText()).getBytes(StandardCharsets.UTF_8)));
        }
        return lines;
    }

    static Line realLine(String id) {
        return realLines().stream().filter(l -> l.id().equals(id)).findFirst().orElseThrow();
    }

    static List<Envelope> envelopes() {
        List<Envelope> envelopes = new ArrayList<>();
        for (JsonNode n : read("envelopes.jsonl")) {
            JsonNode value = n.get("value");
            // A JSON string is a raw line as the value; an object is the value itself.
            String bytes = value.isTextual() ? value.asText() : value.toString();
            envelopes.add(new Envelope(n.get("id").asText(), n.get("agent").asText(),
                    bytes.getBytes(StandardCharsets.UTF_8)));
        }
        return envelopes;
    }

    static Envelope envelope(String id) {
        return envelopes().stream().filter(e -> e.id().equals(id)).findFirst().orElseThrow();
    }

    /**
     * Only what cannot occur in a Kafka record is undone (corpus README): markdown {@code **bold**} and a line
     * break inserted inside the line by the paste. Everything else (comment markers, escaped pipes, prefixes)
     * is left for the parser.
     */
    static String undoPasteArtefacts(String line) {
        return line.replace("**", "").replace(" \n", " ").replace("\n", " ");
    }

    private static List<JsonNode> read(String file) {
        try {
            List<JsonNode> nodes = new ArrayList<>();
            for (String l : Files.readAllLines(DIR.resolve(file), StandardCharsets.UTF_8)) {
                if (!l.isBlank()) {
                    nodes.add(MAPPER.readTree(l));
                }
            }
            return nodes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

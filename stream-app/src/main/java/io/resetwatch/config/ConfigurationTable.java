package io.resetwatch.config;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The README's configuration table, generated from {@code resetwatch-defaults.properties} (each key with the
 * comment lines above it). Run {@code java -cp stream-app/target/classes io.resetwatch.config.ConfigurationTable}
 * to regenerate it; a test keeps the README in step.
 */
public final class ConfigurationTable {

    public record Row(String key, String defaultValue, String description) {
        public String markdown() {
            String variable = "`" + (key.startsWith(RuntimeConfig.KAFKA_PREFIX)
                    ? KafkaClientEnv.PREFIX + key.substring(RuntimeConfig.KAFKA_PREFIX.length())
                            .toUpperCase(Locale.ROOT).replace('.', '_')
                    : RuntimeConfig.variableName(key)) + "`";
            return "| `" + key + "` | " + (defaultValue.isEmpty() ? "(empty)" : "`" + defaultValue + "`") + " | "
                    + variable + " | " + description.replace("|", "\\|") + " |";
        }
    }

    private ConfigurationTable() {
    }

    public static List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        try (InputStream in = ConfigurationTable.class.getResourceAsStream(RuntimeConfig.DEFAULTS_RESOURCE);
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            StringBuilder comment = new StringBuilder();
            String line;
            boolean header = true;
            while ((line = reader.readLine()) != null) {
                String t = line.trim();
                if (t.isEmpty()) {
                    header = false;
                    comment.setLength(0);
                } else if (t.startsWith("#")) {
                    if (!header) {
                        comment.append(comment.length() > 0 ? " " : "").append(t.substring(1).trim());
                    }
                } else {
                    int eq = t.indexOf('=');
                    rows.add(new Row(t.substring(0, eq).trim(), t.substring(eq + 1).trim(), comment.toString()));
                    comment.setLength(0);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }

    public static String markdown() {
        StringBuilder sb = new StringBuilder("| key | default | environment | meaning |\n|---|---|---|---|\n");
        for (Row row : rows()) {
            sb.append(row.markdown()).append('\n');
        }
        return sb.toString();
    }

    public static void main(String[] args) {
        System.out.print(markdown());
    }
}

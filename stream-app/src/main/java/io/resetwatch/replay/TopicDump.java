package io.resetwatch.replay;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads exported record values, one per line, optionally prefixed by {@code CreateTime:<epoch-ms>} and a tab
 * as {@code kafka-console-consumer --property print.timestamp=true} prints them (CONTRACTS §2).
 */
public final class TopicDump {

    /** One line: its bytes and its record timestamp, when the dump states one. */
    public record Line(int number, byte[] value, Long createTime) {
    }

    private TopicDump() {
    }

    public static List<Line> read(InputStream in) throws IOException {
        List<Line> lines = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String text;
            int number = 0;
            while ((text = reader.readLine()) != null) {
                number++;
                if (text.isBlank()) {
                    continue;
                }
                lines.add(parse(number, text));
            }
        }
        return lines;
    }

    static Line parse(int number, String text) {
        if (text.startsWith("CreateTime:")) {
            int tab = text.indexOf('\t');
            if (tab > 0) {
                try {
                    long ts = Long.parseLong(text.substring("CreateTime:".length(), tab).trim());
                    return new Line(number, text.substring(tab + 1).getBytes(StandardCharsets.UTF_8), ts);
                } catch (NumberFormatException e) {
                    // Not a timestamp after all: the whole line is the value.
                }
            }
        }
        return new Line(number, text.getBytes(StandardCharsets.UTF_8), null);
    }
}

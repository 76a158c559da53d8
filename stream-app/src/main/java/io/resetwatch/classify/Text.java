package io.resetwatch.classify;

import io.resetwatch.model.LifecycleFact;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** Wording shared by the rules, so every evidence sentence reads the same way. */
final class Text {

    private static final int MAX_QUOTE = 160;

    private Text() {
    }

    static String time(Instant t) {
        return t == null ? "an unknown time" : DateTimeFormatter.ISO_INSTANT.format(t.truncatedTo(ChronoUnit.MILLIS));
    }

    static String seconds(Duration d) {
        long ms = Math.abs(d.toMillis());
        if (ms < 10_000 && ms % 1000 != 0) {
            return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
        }
        return Math.round(ms / 1000.0) + " s";
    }

    /** "120001 ms (≈120 s)", "8 ms". */
    static String millis(long ms) {
        if (ms < 1000) {
            return ms + " ms";
        }
        double s = ms / 1000.0;
        String approx = Math.abs(s - Math.rint(s)) < 0.05 ? String.valueOf(Math.round(s)) : String.format(Locale.ROOT, "%.1f", s);
        return ms + " ms (≈" + approx + " s)";
    }

    static String percent(double share) {
        return Math.round(share * 100) + " %";
    }

    /** "container app", or "the istio-proxy sidecar". */
    static String container(LifecycleFact f) {
        if (WindowContext.isSidecar(f)) {
            return "the istio-proxy sidecar";
        }
        return f.container() != null ? "container " + f.container() : "its container";
    }

    /** One line of a fact's message, quoted and cut; empty when there is none. */
    static String quote(String message) {
        if (message == null || message.isBlank()) {
            return "";
        }
        String line = message.strip().replaceAll("\\s+", " ");
        if (line.length() > MAX_QUOTE) {
            line = line.substring(0, MAX_QUOTE) + "…";
        }
        return " (\"" + line + "\")";
    }

    /** "UC 38, UF 2" with the largest counts first, ties by name: stable whatever the map's order. */
    static String counts(Map<String, Long> counts, int limit) {
        return sorted(counts).stream().limit(limit)
                .map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", "));
    }

    static <K extends Comparable<K>> List<Map.Entry<K, Long>> sorted(Map<K, Long> counts) {
        return counts.entrySet().stream()
                .sorted(Map.Entry.<K, Long>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(Map.Entry.comparingByKey()))
                .toList();
    }

    /** "Error, exit 137 = SIGKILL, restart count 2". */
    static String exit(LifecycleFact f) {
        return (f.reason() != null ? f.reason() + ", " : "") + exitOnly(f);
    }

    /** "exit 137 = SIGKILL, restart count 2". */
    static String exitOnly(LifecycleFact f) {
        StringBuilder s = new StringBuilder();
        s.append("exit ").append(f.exitCode() == null ? "unknown" : f.exitCode());
        if (f.exitCode() != null && f.exitCode() == 143) {
            s.append(" = SIGTERM honoured");
        } else if (f.exitCode() != null && f.exitCode() == 137) {
            s.append(" = SIGKILL");
        }
        if (f.restartCount() != null) {
            s.append(", restart count ").append(f.restartCount());
        }
        return s.toString();
    }
}

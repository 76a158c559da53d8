package io.resetwatch.config;

import java.time.Duration;
import picocli.CommandLine;

/** Reads {@code 500ms}, {@code 60s}, {@code 5m}, {@code 1h} or ISO-8601 ({@code PT1M}). */
public final class DurationConverter implements CommandLine.ITypeConverter<Duration> {

    @Override
    public Duration convert(String value) {
        String v = value.trim().toLowerCase(java.util.Locale.ROOT);
        try {
            if (v.startsWith("pt") || v.startsWith("p")) {
                return positive(Duration.parse(value.trim()), value);
            }
            if (v.endsWith("ms")) {
                return positive(Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2))), value);
            }
            long amount = Long.parseLong(v.substring(0, v.length() - 1));
            return positive(switch (v.charAt(v.length() - 1)) {
                case 's' -> Duration.ofSeconds(amount);
                case 'm' -> Duration.ofMinutes(amount);
                case 'h' -> Duration.ofHours(amount);
                default -> throw new NumberFormatException();
            }, value);
        } catch (RuntimeException e) {
            throw new CommandLine.TypeConversionException(
                    "'" + value + "' is not a duration (examples: 500ms, 60s, 5m, PT1M)");
        }
    }

    private static Duration positive(Duration d, String value) {
        if (d.isNegative() || d.isZero()) {
            throw new CommandLine.TypeConversionException("duration must be positive: " + value);
        }
        return d;
    }
}

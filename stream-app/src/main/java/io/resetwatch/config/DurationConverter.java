package io.resetwatch.config;

import java.time.Duration;
import java.util.Locale;
import picocli.CommandLine;

/**
 * Reads {@code 500ms}, {@code 60s}, {@code 5m}, {@code 2h}, {@code 1d} or ISO-8601 ({@code PT1M}). As a picocli
 * converter it accepts positive durations only; {@link #parse} also accepts zero, for settings where zero
 * means "none" (a grace or a look-ahead).
 */
public final class DurationConverter implements CommandLine.ITypeConverter<Duration> {

    static final String EXAMPLES = "examples: 500ms, 60s, 5m, 2h, PT1M";

    @Override
    public Duration convert(String value) {
        Duration d;
        try {
            d = parse(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
        if (d.isZero()) {
            throw new CommandLine.TypeConversionException("duration must be positive: " + value);
        }
        return d;
    }

    /**
     * @return a duration of zero or more
     * @throws IllegalArgumentException for anything else, with a one-line message
     */
    public static Duration parse(String value) {
        String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        Duration d;
        try {
            if (v.startsWith("p")) {
                d = Duration.parse(v.toUpperCase(Locale.ROOT));
            } else if (v.endsWith("ms")) {
                d = Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
            } else if (v.length() >= 2) {
                long amount = Long.parseLong(v.substring(0, v.length() - 1));
                d = switch (v.charAt(v.length() - 1)) {
                    case 's' -> Duration.ofSeconds(amount);
                    case 'm' -> Duration.ofMinutes(amount);
                    case 'h' -> Duration.ofHours(amount);
                    case 'd' -> Duration.ofDays(amount);
                    default -> throw new NumberFormatException();
                };
            } else {
                throw new NumberFormatException();
            }
        } catch (RuntimeException e) {
            // Long.parseLong accepts a leading '+'; that is harmless, so no extra check.
            throw new IllegalArgumentException("not a duration (" + EXAMPLES + ")");
        }
        if (d.isNegative()) {
            throw new IllegalArgumentException("must not be negative");
        }
        return d;
    }
}

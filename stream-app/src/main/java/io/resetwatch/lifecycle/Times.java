package io.resetwatch.lifecycle;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kubernetes times: RFC 3339 ({@code metav1.Time}, 1 s; {@code metav1.MicroTime}, µs).
 *
 * <p>Also the flanksource/is-healthy fixture notation {@code @now}, optionally followed by
 * {@code [+-]<n><s|m|h|d>} (e.g. {@code @now-5m}): the public pod fixtures in our corpus use it for times
 * relative to "now", so it resolves relative to the record timestamp. Any other unparseable text is a bad record.
 */
final class Times {

    private static final Pattern FIXTURE_NOW = Pattern.compile("@now(?:([+-])(\\d{1,9})([smhd]))?");
    /** Go's zero time: what a zero-valued time renders as when a producer does not omit it. */
    private static final Instant GO_ZERO_TIME = Instant.parse("0001-01-01T00:00:00Z");

    private Times() {
    }

    static Instant parse(String text, String fieldPath, long recordTimestampMs) {
        if (text == null) {
            return null;
        }
        Matcher fixture = FIXTURE_NOW.matcher(text);
        if (fixture.matches()) {
            return fixtureTime(fixture, recordTimestampMs);
        }
        Instant instant;
        try {
            instant = OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            throw new BadRecord("field " + fieldPath + ": unparseable time");
        }
        return instant.equals(GO_ZERO_TIME) ? null : instant;
    }

    private static Instant fixtureTime(Matcher fixture, long recordTimestampMs) {
        Instant now = Instant.ofEpochMilli(recordTimestampMs);
        if (fixture.group(1) == null) {
            return now;
        }
        long amount = Long.parseLong(fixture.group(2));
        long seconds = switch (fixture.group(3)) {
            case "s" -> amount;
            case "m" -> amount * 60;
            case "h" -> amount * 3_600;
            default -> amount * 86_400;
        };
        return fixture.group(1).equals("-") ? now.minusSeconds(seconds) : now.plusSeconds(seconds);
    }
}

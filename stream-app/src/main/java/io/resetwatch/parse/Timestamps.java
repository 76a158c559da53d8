package io.resetwatch.parse;

import java.time.Instant;

/**
 * A strict, allocation-light RFC 3339 reader for the times access logs carry: {@code %START_TIME%}
 * ({@code 2024-06-18T10:19:42.614Z}), agent times with up to nanosecond fractions, and numeric offsets.
 * Returns null for anything else (so the caller can reject with its own reason).
 */
final class Timestamps {

    private Timestamps() {
    }

    static Instant parse(CharSequence s) {
        return s == null ? null : parse(s.toString().toCharArray(), 0, s.length());
    }

    /** {@code YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)}, else null. */
    static Instant parse(char[] c, int off, int len) {
        if (len < 20 || len > 40) {
            return null;
        }
        int end = off + len;
        int year = digits(c, off, 4);
        int month = digits(c, off + 5, 2);
        int day = digits(c, off + 8, 2);
        int hour = digits(c, off + 11, 2);
        int minute = digits(c, off + 14, 2);
        int second = digits(c, off + 17, 2);
        char t = c[off + 10];
        if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59
                || second < 0 || second > 59 || c[off + 4] != '-' || c[off + 7] != '-'
                || (t != 'T' && t != 't' && t != ' ') || c[off + 13] != ':' || c[off + 16] != ':'
                || day > daysInMonth(year, month)) {
            return null;
        }
        int i = off + 19;
        int nanos = 0;
        if (c[i] == '.') {
            i++;
            int digitsRead = 0;
            while (i < end && c[i] >= '0' && c[i] <= '9') {
                if (digitsRead < 9) {
                    nanos = nanos * 10 + (c[i] - '0');
                }
                digitsRead++;
                i++;
            }
            if (digitsRead == 0) {
                return null;
            }
            for (int k = digitsRead; k < 9; k++) {
                nanos *= 10;
            }
        }
        if (i >= end) {
            return null;
        }
        int offsetSeconds;
        char z = c[i];
        if ((z == 'Z' || z == 'z') && i + 1 == end) {
            offsetSeconds = 0;
        } else if ((z == '+' || z == '-') && i + 6 == end && c[i + 3] == ':') {
            int oh = digits(c, i + 1, 2);
            int om = digits(c, i + 4, 2);
            if (oh < 0 || oh > 23 || om < 0 || om > 59) {
                return null;
            }
            offsetSeconds = (oh * 3600 + om * 60) * (z == '-' ? -1 : 1);
        } else {
            return null;
        }
        long epochSecond = daysFromCivil(year, month, day) * 86_400L + hour * 3600L + minute * 60L + second
                - offsetSeconds;
        return Instant.ofEpochSecond(epochSecond, nanos);
    }

    /**
     * Epoch seconds written as a decimal number ({@code 1718706102.617289}, Fluent Bit's default
     * {@code timestamp_format double}), read exactly from its text; null if it is not one.
     */
    static Instant parseEpochSeconds(char[] c, int off, int len) {
        int end = off + len;
        int i = off;
        long seconds = 0;
        int intDigits = 0;
        while (i < end && c[i] >= '0' && c[i] <= '9') {
            if (++intDigits > 12) {
                return null;
            }
            seconds = seconds * 10 + (c[i++] - '0');
        }
        if (intDigits == 0) {
            return null;
        }
        int nanos = 0;
        if (i < end && c[i] == '.') {
            i++;
            int digitsRead = 0;
            while (i < end && c[i] >= '0' && c[i] <= '9') {
                if (digitsRead < 9) {
                    nanos = nanos * 10 + (c[i] - '0');
                }
                digitsRead++;
                i++;
            }
            for (int k = Math.min(digitsRead, 9); k < 9; k++) {
                nanos *= 10;
            }
        }
        return i == end ? Instant.ofEpochSecond(seconds, nanos) : null;
    }

    private static int digits(char[] c, int at, int count) {
        int v = 0;
        for (int i = at; i < at + count; i++) {
            int d = c[i] - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            v = v * 10 + d;
        }
        return v;
    }

    private static int daysInMonth(int year, int month) {
        return switch (month) {
            case 2 -> (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    /** Days since 1970-01-01 for a proleptic Gregorian date (H. Hinnant's civil-from-days inverse). */
    private static long daysFromCivil(int year, int month, int day) {
        int y = month <= 2 ? year - 1 : year;
        int era = Math.floorDiv(y, 400);
        int yoe = y - era * 400;
        int doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
        int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146_097L + doe - 719_468L;
    }
}

package io.resetwatch.lifecycle;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/** Makes free text safe to carry as evidence: no query strings or credentials, at most 1 KiB of UTF-8. */
final class Evidence {

    static final int MAX_BYTES = 1024;

    /** A '?' glued to a URL or path, and what follows it up to the next space or quote. */
    private static final Pattern QUERY_STRING = Pattern.compile("(?<=[\\w/.:%-])\\?[^\\s\"'<>#]+");
    private static final Pattern CREDENTIAL = Pattern.compile(
            "(?i)\\b(authorization|proxy-authorization|cookie|set-cookie|x-api-key)(\\s*[:=]\\s*)(?:bearer\\s+|basic\\s+)?[^\\s\"',;]+");

    private Evidence() {
    }

    static String text(String raw) {
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        String cleaned = QUERY_STRING.matcher(raw).replaceAll("");
        cleaned = CREDENTIAL.matcher(cleaned).replaceAll("$1$2[redacted]");
        return cut(cleaned);
    }

    private static String cut(String text) {
        if (text.getBytes(StandardCharsets.UTF_8).length <= MAX_BYTES) {
            return text;
        }
        int end = Math.min(text.length(), MAX_BYTES);
        while (text.substring(0, end).getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            end--;
        }
        if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end);
    }
}

package io.resetwatch.parse;

import io.resetwatch.model.ResponseDetails;
import io.resetwatch.model.ResponseDetails.Kind;

/**
 * Splits {@code %RESPONSE_CODE_DETAILS%} as Envoy's router builds it (DOMAIN §5.1):
 * {@code <prefix>{<reset reason>[<sep><transport failure>]}} where the separator is {@code ,} in older Envoy and
 * {@code |} in current Envoy. Reset reasons never contain either, so the first one found is the separator.
 */
public final class ResponseCodeDetails {

    private static final String BEFORE = "upstream_reset_before_response_started";
    private static final String AFTER = "upstream_reset_after_response_started";

    private ResponseCodeDetails() {
    }

    /** Never null: {@code null} or {@code -} give {@link ResponseDetails#NONE}. */
    public static ResponseDetails parse(String raw) {
        if (raw == null || raw.isEmpty() || raw.equals("-")) {
            return ResponseDetails.NONE;
        }
        Kind kind;
        int braceAt;
        if (raw.startsWith(BEFORE)) {
            kind = Kind.BEFORE_RESPONSE_STARTED;
            braceAt = BEFORE.length();
        } else if (raw.startsWith(AFTER)) {
            kind = Kind.AFTER_RESPONSE_STARTED;
            braceAt = AFTER.length();
        } else {
            return new ResponseDetails(raw, Kind.OTHER, null, null);
        }
        if (raw.length() <= braceAt || raw.charAt(braceAt) != '{') {
            return new ResponseDetails(raw, kind, null, null);
        }
        int close = raw.endsWith("}") ? raw.length() - 1 : raw.length();
        String inside = raw.substring(braceAt + 1, close);
        int sep = -1;
        for (int i = 0; i < inside.length(); i++) {
            char ch = inside.charAt(i);
            if (ch == ',' || ch == '|') {
                sep = i;
                break;
            }
        }
        if (sep < 0) {
            return new ResponseDetails(raw, kind, inside.isEmpty() ? null : inside, null);
        }
        String reason = inside.substring(0, sep);
        String transport = inside.substring(sep + 1);
        return new ResponseDetails(raw, kind, reason.isEmpty() ? null : reason,
                transport.isEmpty() ? null : transport);
    }
}

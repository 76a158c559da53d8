package io.resetwatch.parse;

import io.resetwatch.model.AccessLogRecord;

/**
 * What {@link AccessLogParser#parse} made of one record value. Every value ends in exactly one of these, so
 * nothing vanishes uncounted (CONTRACTS §3).
 */
public sealed interface ParseOutcome {

    /** An access-log line, normalized. */
    record Parsed(AccessLogRecord record) implements ParseOutcome {
    }

    /**
     * A well-formed value that is not an access log (another container's line, Envoy's own log).
     *
     * @param reason short snake_case token, e.g. {@code not_istio_proxy_container}, {@code envoy_application_log},
     *               {@code empty}
     * @param format what was detected, e.g. {@code fluent-bit} or {@code text}
     */
    record Skipped(String reason, String format) implements ParseOutcome {
    }

    /**
     * A value that cannot be parsed: a dead letter.
     *
     * @param reason one line, precise, never containing input bytes
     * @param format what was detected ({@code unknown} if nothing)
     */
    record Rejected(String reason, String format) implements ParseOutcome {
    }
}

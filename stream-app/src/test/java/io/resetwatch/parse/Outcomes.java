package io.resetwatch.parse;

import io.resetwatch.model.AccessLogRecord;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** Small helpers shared by the parser tests. */
final class Outcomes {

    private Outcomes() {
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static AccessLogRecord parsed(ParseOutcome outcome) {
        assertThat(outcome).isInstanceOf(ParseOutcome.Parsed.class);
        return ((ParseOutcome.Parsed) outcome).record();
    }

    static ParseOutcome.Rejected rejected(ParseOutcome outcome) {
        assertThat(outcome).isInstanceOf(ParseOutcome.Rejected.class);
        return (ParseOutcome.Rejected) outcome;
    }

    static ParseOutcome.Skipped skipped(ParseOutcome outcome) {
        assertThat(outcome).isInstanceOf(ParseOutcome.Skipped.class);
        return (ParseOutcome.Skipped) outcome;
    }
}

package io.resetwatch.parse;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The sentences `resetwatch explain` prints for flags and reset reasons. */
class ExplanationsTest {

    @Test
    void shouldExplainTheResetFamilyFlags() {
        assertThat(Explanations.flag("UC")).startsWith("Upstream connection termination:");
        assertThat(Explanations.flag("UR")).startsWith("Upstream remote reset:");
        assertThat(Explanations.flag("URX")).contains("retr");
    }

    @Test
    void shouldSayAnUnknownFlagIsNotAKnownEnvoyFlag() {
        assertThat(Explanations.flag("XYZ")).isEqualTo("'XYZ' is not a known Envoy response flag (possibly a custom"
                + " flag registered by an extension).");
        assertThat(Explanations.flag("a\nb")).doesNotContain("\n");
    }

    @Test
    void shouldExplainResetReasons() {
        for (String reason : new String[] {"connection_termination", "remote_reset", "connection_timeout", "overflow",
                "protocol_error", "remote_connection_failure", "local_reset"}) {
            assertThat(Explanations.resetReason(reason)).doesNotContain("not a reset reason");
        }
        assertThat(Explanations.resetReason("bogus")).isEqualTo("'bogus' is not a reset reason resetwatch knows.");
    }
}

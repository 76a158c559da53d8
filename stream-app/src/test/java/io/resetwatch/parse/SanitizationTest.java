package io.resetwatch.parse;

import io.resetwatch.model.AccessLogRecord;
import io.resetwatch.serde.Json;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static io.resetwatch.parse.Outcomes.parsed;
import static io.resetwatch.parse.Outcomes.utf8;
import static org.assertj.core.api.Assertions.assertThat;

/** Nothing the record carries may leak a query string, credentials or free-text headers (COMMON security). */
class SanitizationTest {

    private static final long RECORD_TS = Instant.parse("2030-01-01T00:00:00Z").toEpochMilli();

    private final AccessLogParser parser = new AccessLogParser(AccessLogParser.DEFAULT_MAX_RECORD_BYTES);

    @Test
    void shouldRemoveTheQueryStringFromATextPath() throws Exception {
        String line = IstioTextFormatTest.TEXT_1_9.replace("/v1/x", "/v1/x?api_key=s3cr3t&a=b");

        AccessLogRecord r = parsed(parser.parse(utf8(line), RECORD_TS));

        assertThat(r.path()).isEqualTo("/v1/x");
        assertThat(Json.mapper().writeValueAsString(r)).doesNotContain("s3cr3t");
    }

    @Test
    void shouldRemoveTheQueryStringFromAJsonPath() {
        String line = IstioJsonFormatTest.TYPED.replace("/v1/x", "/v1/x?token=s3cr3t");

        assertThat(parsed(parser.parse(utf8(line), RECORD_TS)).path()).isEqualTo("/v1/x");
    }

    @Test
    void shouldDropUserinfoFromTheAuthority() {
        String line = IstioJsonFormatTest.TYPED.replace("\"internal-api:8080\"", "\"admin:s3cr3t@internal-api:8080\"");

        assertThat(parsed(parser.parse(utf8(line), RECORD_TS)).authority()).isEqualTo("internal-api:8080");
    }

    @Test
    void shouldNotCarryTheUserAgentOrForwardedFor() throws Exception {
        String line = IstioTextFormatTest.TEXT_1_9.replace("\"-\" \"-\" \"ed37", "\"203.0.113.9\" \"Mozilla/5.0 (X11)\" \"ed37");

        String json = Json.mapper().writeValueAsString(parsed(parser.parse(utf8(line), RECORD_TS)));

        assertThat(json).doesNotContain("203.0.113.9").doesNotContain("Mozilla");
    }
}

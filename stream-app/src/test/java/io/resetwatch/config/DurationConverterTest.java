package io.resetwatch.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Durations as people write them: 500ms, 60s, 5m, 2h, 1d, or ISO-8601. */
class DurationConverterTest {

    @Test
    void shouldReadShortAndIsoSpellings() {
        assertThat(DurationConverter.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(DurationConverter.parse("60s")).isEqualTo(Duration.ofSeconds(60));
        assertThat(DurationConverter.parse("5m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(DurationConverter.parse("2h")).isEqualTo(Duration.ofHours(2));
        assertThat(DurationConverter.parse("1d")).isEqualTo(Duration.ofDays(1));
        assertThat(DurationConverter.parse("PT1M30S")).isEqualTo(Duration.ofSeconds(90));
        assertThat(DurationConverter.parse("0s")).isZero();
    }

    @Test
    void shouldRefuseNegativeAndMalformedDurations() {
        for (String bad : new String[] {"-1s", "PT-1S", "60", "s", "", "1.5s", "5 minutes", "10y"}) {
            assertThatThrownBy(() -> DurationConverter.parse(bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void shouldAcceptOnlyPositiveDurationsAsAnOption() {
        assertThat(new DurationConverter().convert("10m")).isEqualTo(Duration.ofMinutes(10));
        assertThatThrownBy(() -> new DurationConverter().convert("0s"))
                .isInstanceOf(CommandLine.TypeConversionException.class);
        assertThatThrownBy(() -> new DurationConverter().convert("soon"))
                .isInstanceOf(CommandLine.TypeConversionException.class)
                .hasMessageContaining("examples: 500ms");
    }
}

package io.resetwatch.classify;

import static io.resetwatch.classify.ClassificationAssertions.assertAbsent;
import static io.resetwatch.classify.ClassificationAssertions.assertTop;
import static io.resetwatch.classify.ClassificationAssertions.classify;
import static io.resetwatch.classify.ClassificationAssertions.confidenceOf;
import static io.resetwatch.classify.ClassificationAssertions.evidenceText;
import static io.resetwatch.classify.FactBuilder.oomKilled;
import static io.resetwatch.classify.PodBuilder.pod;
import static io.resetwatch.classify.Scenarios.POD_A;
import static io.resetwatch.classify.Scenarios.POD_B;
import static io.resetwatch.classify.Scenarios.POD_C;
import static io.resetwatch.classify.WindowEvidenceBuilder.window;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AppTimeoutClassificationTest {

    @Test
    void shouldClassifyResetsClusteredAt120SecondsAsAnAppTimeoutAndNameTheDuration() {
        Classification c = classify(Scenarios.appTimeout(120_001));

        assertTop(c, Cause.APP_TIMEOUT);
        assertThat(c.top().confidence()).isGreaterThan(0.8);
        assertThat(evidenceText(c.top()))
                .contains("29 of 30 reset durations (95 %) lie within ±10 % of 120001 ms (≈120 s)")
                .contains("no pod of the service restarted");
        assertThat(c.top().remediation()).contains("fixed 120001 ms (≈120 s) timeout")
                .contains("VirtualService timeout").contains("non-idempotent");
    }

    @Test
    void shouldClassifyDurationsClusteredAt30SecondsAsAnAppTimeout() {
        Classification c = classify(Scenarios.appTimeout(30_000));

        assertTop(c, Cause.APP_TIMEOUT);
        assertThat(c.top().remediation()).contains("30000 ms (≈30 s)");
        assertAbsent(c, Cause.KEEPALIVE_RACE);
    }

    @Test
    void shouldNotCallScatteredLongDurationsAnAppTimeout() {
        Classification c = classify(Scenarios.appTimeout(60_000).durations(30, 60_000, 2_000, 110_000, 0.2));

        assertAbsent(c, Cause.APP_TIMEOUT);
    }

    @Test
    void shouldLeaveSmallDurationsToTheKeepAliveRace() {
        Classification c = classify(Scenarios.appTimeout(60_000).durations(30, 4, 1, 20, 0.6));

        assertAbsent(c, Cause.APP_TIMEOUT);
        assertTop(c, Cause.KEEPALIVE_RACE);
    }

    @Test
    void shouldNotCallConnectTimeoutsAnAppTimeout() {
        Classification c = classify(window().outbound()
                .pods(pod(POD_A).resets(10, "UF"), pod(POD_B).on("node-b").resets(10, "UF"), pod(POD_C).on("node-c"))
                .resetReason("connection_timeout", 20)
                .durations(20, 30_000, 29_800, 30_200, 0.95));

        assertAbsent(c, Cause.APP_TIMEOUT);
    }

    @Test
    void shouldYieldToAnOomThatExplainsTheResets() {
        Classification c = classify(Scenarios.appTimeout(30_000)
                .facts(oomKilled(POD_A).at(5), oomKilled(POD_B).at(6), oomKilled(POD_C).at(7)));

        assertTop(c, Cause.OOM_KILLED);
        assertThat(confidenceOf(c, Cause.APP_TIMEOUT)).isLessThan(0.3);
    }

    @Test
    void shouldBeMoreConfidentTheTighterTheCluster() {
        double tight = classify(Scenarios.appTimeout(60_000)).top().confidence();
        double loose = classify(Scenarios.appTimeout(60_000).durations(30, 60_000, 20_000, 65_000, 0.6)).top().confidence();

        assertThat(loose).isLessThan(tight);
    }
}

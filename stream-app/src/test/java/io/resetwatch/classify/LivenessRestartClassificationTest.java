package io.resetwatch.classify;

import static io.resetwatch.classify.ClassificationAssertions.assertAbsent;
import static io.resetwatch.classify.ClassificationAssertions.assertTop;
import static io.resetwatch.classify.ClassificationAssertions.classify;
import static io.resetwatch.classify.ClassificationAssertions.confidenceOf;
import static io.resetwatch.classify.ClassificationAssertions.evidenceText;
import static io.resetwatch.classify.FactBuilder.deleting;
import static io.resetwatch.classify.FactBuilder.livenessProbeFailed;
import static io.resetwatch.classify.FactBuilder.readinessProbeFailed;
import static io.resetwatch.classify.FactBuilder.stopping;
import static io.resetwatch.classify.FactBuilder.terminated;
import static io.resetwatch.classify.PodBuilder.pod;
import static io.resetwatch.classify.Scenarios.POD_A;
import static io.resetwatch.classify.Scenarios.POD_B;
import static io.resetwatch.classify.WindowEvidenceBuilder.window;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LivenessRestartClassificationTest {

    private static WindowEvidenceBuilder onePodResetting() {
        return window().pods(pod(POD_A).resets(15), pod(POD_B).on("node-b"))
                .resetReason("connection_termination", 15);
    }

    @Test
    void shouldClassifyAKubeletLivenessKillAsALivenessRestart() {
        Classification c = classify(Scenarios.livenessRestart());

        assertTop(c, Cause.LIVENESS_RESTART);
        assertThat(evidenceText(c.top()))
                .contains("kubelet restarted container app of pod " + POD_A + " after failed liveness probes")
                .contains("3 times between 2025-03-04T10:14:50Z and 2025-03-04T10:15:10Z")
                .contains("exit 143");
        assertThat(c.top().remediation()).contains("thread dump").contains("timeoutSeconds");
        assertAbsent(c, Cause.CONTAINER_CRASH);
        assertAbsent(c, Cause.OOM_KILLED);
    }

    @Test
    void shouldAcceptLivenessFailuresFollowedByASigtermExitWithoutTheKillingEvent() {
        Classification c = classify(onePodResetting().facts(
                livenessProbeFailed(POD_A).at(-5), terminated(POD_A, 143, "Error").at(15).restartCount(2)));

        assertTop(c, Cause.LIVENESS_RESTART);
    }

    @Test
    void shouldBeMoreConfidentWhenCallersTimedOutAndDurationsGrew() {
        WindowEvidenceBuilder quiet = onePodResetting().durations(15, 40, 5, 90, 0.3)
                .facts(livenessProbeFailed(POD_A).at(-5), terminated(POD_A, 143, "Error").at(15));
        WindowEvidenceBuilder hung = onePodResetting().durations(15, 800, 100, 9000, 0.1).flag("UT", 4).flag("DC", 4)
                .facts(livenessProbeFailed(POD_A).at(-5), terminated(POD_A, 143, "Error").at(15));

        assertThat(confidenceOf(classify(hung), Cause.LIVENESS_RESTART))
                .isGreaterThan(confidenceOf(classify(quiet), Cause.LIVENESS_RESTART));
    }

    @Test
    void shouldCountALivenessFailureWithNoRestartYetAsWeakEvidence() {
        double pending = confidenceOf(classify(onePodResetting().facts(livenessProbeFailed(POD_A).at(5))),
                Cause.LIVENESS_RESTART);
        double restarted = confidenceOf(classify(Scenarios.livenessRestart()), Cause.LIVENESS_RESTART);

        assertThat(pending).isPositive().isLessThan(0.5).isLessThan(restarted);
    }

    @Test
    void shouldNotCallReadinessFailuresDuringShutdownALivenessRestart() {
        Classification c = classify(onePodResetting().facts(deleting(POD_A).at(-10), stopping(POD_A).at(-9),
                readinessProbeFailed(POD_A).at(-8), terminated(POD_A, 143, "Completed").at(10)));

        assertTop(c, Cause.UNGRACEFUL_SHUTDOWN);
        assertAbsent(c, Cause.LIVENESS_RESTART);
    }

    @Test
    void shouldPreferACrashWhenTheProbeFailedBecauseTheAppExitedOnItsOwn() {
        Classification c = classify(onePodResetting().facts(
                livenessProbeFailed(POD_A).at(-5), terminated(POD_A, 1, "Error").at(5).restartCount(1)));

        assertTop(c, Cause.CONTAINER_CRASH);
        assertThat(confidenceOf(c, Cause.LIVENESS_RESTART)).isLessThan(confidenceOf(c, Cause.CONTAINER_CRASH));
    }
}

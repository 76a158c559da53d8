package io.resetwatch.classify;

import static io.resetwatch.classify.ClassificationAssertions.assertAbsent;
import static io.resetwatch.classify.ClassificationAssertions.assertTop;
import static io.resetwatch.classify.ClassificationAssertions.candidate;
import static io.resetwatch.classify.ClassificationAssertions.classify;
import static io.resetwatch.classify.ClassificationAssertions.confidenceOf;
import static io.resetwatch.classify.ClassificationAssertions.evidenceText;
import static io.resetwatch.classify.FactBuilder.deleting;
import static io.resetwatch.classify.FactBuilder.livenessKill;
import static io.resetwatch.classify.FactBuilder.oomKilled;
import static io.resetwatch.classify.FactBuilder.terminated;
import static io.resetwatch.classify.PodBuilder.pod;
import static io.resetwatch.classify.Scenarios.POD_A;
import static io.resetwatch.classify.Scenarios.POD_B;
import static io.resetwatch.classify.WindowEvidenceBuilder.window;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ContainerCrashClassificationTest {

    private static WindowEvidenceBuilder onePodResetting() {
        return window().pods(pod(POD_A).resets(20), pod(POD_B).on("node-b"))
                .resetReason("connection_termination", 20);
    }

    @Test
    void shouldClassifyAnExitOneThatRestartedInPlaceAsACrash() {
        Classification c = classify(Scenarios.crashLoop());

        assertTop(c, Cause.CONTAINER_CRASH);
        assertThat(evidenceText(c.top()))
                .contains("container app exited on its own (Error, exit 1, restart count 3)")
                .contains("crash-loop back-off");
        assertThat(c.top().remediation()).contains("kubectl logs " + POD_A + " -c app --previous")
                .contains("exit with code 1").contains("crash-looping");
    }

    @Test
    void shouldBeMoreConfidentWhenTheContainerRestartedAndCrashLoops() {
        double bare = classify(onePodResetting().facts(terminated(POD_A, 1, "Error").at(5))).top().confidence();
        double looping = classify(Scenarios.crashLoop()).top().confidence();

        assertThat(looping).isGreaterThan(bare);
    }

    @Test
    void shouldNotCallAnExitAfterAKubeletLivenessKillACrash() {
        Classification c = classify(onePodResetting().facts(livenessKill(POD_A).at(3), terminated(POD_A, 2, "Error").at(5)));

        assertTop(c, Cause.LIVENESS_RESTART);
        assertAbsent(c, Cause.CONTAINER_CRASH);
    }

    @Test
    void shouldNotCallAnExitAfterTheDeletionACrash() {
        Classification c = classify(onePodResetting().facts(deleting(POD_A).at(-10), terminated(POD_A, 1, "Error").at(5)));

        assertTop(c, Cause.UNGRACEFUL_SHUTDOWN);
        assertAbsent(c, Cause.CONTAINER_CRASH);
    }

    @Test
    void shouldNotCallSigtermOrSigkillExitsACrash() {
        assertAbsent(classify(onePodResetting().facts(terminated(POD_A, 143, "Error").at(5))), Cause.CONTAINER_CRASH);
        assertAbsent(classify(onePodResetting().facts(terminated(POD_A, 137, "Error").at(5))), Cause.CONTAINER_CRASH);
        assertAbsent(classify(onePodResetting().facts(terminated(POD_A, 0, "Completed").at(5))), Cause.CONTAINER_CRASH);
    }

    @Test
    void shouldLeaveAnOomKilledExitOneToTheOomRule() {
        Classification c = classify(onePodResetting().facts(oomKilled(POD_A).exit(1).at(5),
                terminated(POD_A, 1, "OOMKilled").at(5)));

        assertTop(c, Cause.OOM_KILLED);
        assertAbsent(c, Cause.CONTAINER_CRASH);
    }

    @Test
    void shouldIgnoreTheMeshInitContainer() {
        Classification c = classify(onePodResetting().facts(terminated(POD_A, 1, "Error").container("istio-init").at(5)));

        assertAbsent(c, Cause.CONTAINER_CRASH);
    }

    @Test
    void shouldTreatASidecarCrashAsWeakerThanAnAppCrash() {
        double app = confidenceOf(classify(onePodResetting().facts(terminated(POD_A, 1, "Error").at(5))),
                Cause.CONTAINER_CRASH);
        Candidate sidecar = candidate(classify(onePodResetting().facts(
                terminated(POD_A, 255, "Error").sidecar().at(5))), Cause.CONTAINER_CRASH).orElseThrow();

        assertThat(sidecar.confidence()).isLessThan(app);
        assertThat(sidecar.remediation()).contains("-c istio-proxy --previous");
    }

    @Test
    void shouldNotCallACrashOnAPodWithoutResetsTheCause() {
        Classification c = classify(onePodResetting().facts(terminated(POD_B, 1, "Error").at(5)));

        assertAbsent(c, Cause.CONTAINER_CRASH);
    }
}

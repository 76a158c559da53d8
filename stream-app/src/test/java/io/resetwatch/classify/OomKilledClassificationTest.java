package io.resetwatch.classify;

import static io.resetwatch.classify.ClassificationAssertions.assertAbsent;
import static io.resetwatch.classify.ClassificationAssertions.assertTop;
import static io.resetwatch.classify.ClassificationAssertions.candidate;
import static io.resetwatch.classify.ClassificationAssertions.classify;
import static io.resetwatch.classify.ClassificationAssertions.evidenceText;
import static io.resetwatch.classify.FactBuilder.deleting;
import static io.resetwatch.classify.FactBuilder.nodeOom;
import static io.resetwatch.classify.FactBuilder.oomKilled;
import static io.resetwatch.classify.FactBuilder.terminated;
import static io.resetwatch.classify.PodBuilder.pod;
import static io.resetwatch.classify.Scenarios.POD_A;
import static io.resetwatch.classify.Scenarios.POD_B;
import static io.resetwatch.classify.WindowEvidenceBuilder.window;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OomKilledClassificationTest {

    private static WindowEvidenceBuilder onePodResetting() {
        return window().pods(pod(POD_A).resets(20), pod(POD_B).on("node-b"))
                .resetReason("connection_termination", 20);
    }

    @Test
    void shouldRankOomKilledFirstAndCiteTheContainerAndItsLimit() {
        Classification c = classify(onePodResetting().facts(oomKilled(POD_A).at(-3).memoryLimit("256Mi")));

        assertTop(c, Cause.OOM_KILLED);
        Candidate oom = c.top();
        assertThat(evidenceText(oom)).contains(
                "pod " + POD_A + " container app was OOMKilled (exit 137 = SIGKILL, restart count 1, memory limit 256Mi)"
                        + " at 2025-03-04T10:14:57Z, 3 s before the window started");
        assertThat(oom.remediation()).contains("resources.limits.memory of container app (currently 256Mi)");
        assertThat(oom.confidence()).isGreaterThan(0.9);
    }

    @Test
    void shouldClassifyOomKilledWhateverTheExitCode() {
        Classification c = classify(onePodResetting().facts(oomKilled(POD_A).exit(1).at(4)));

        assertTop(c, Cause.OOM_KILLED);
        assertAbsent(c, Cause.CONTAINER_CRASH);
    }

    @Test
    void shouldNotCallARolloutWhosePodsExit143CleanlyAnOom() {
        Classification c = classify(Scenarios.rolloutExiting143());

        assertTop(c, Cause.UNGRACEFUL_SHUTDOWN);
        assertAbsent(c, Cause.OOM_KILLED);
    }

    @Test
    void shouldNotCallExit137AloneAnOom() {
        Classification c = classify(onePodResetting().facts(terminated(POD_A, 137, "Error").at(5).restartCount(1)));

        assertAbsent(c, Cause.OOM_KILLED);
    }

    @Test
    void shouldTreatExit137WithAMatchingNodeOomAsASystemOomFixedAtTheNode() {
        Classification c = classify(onePodResetting().facts(
                terminated(POD_A, 137, "Error").at(5).restartCount(1),
                nodeOom("node-a", "System OOM encountered, victim process: checkout, pid: 4121").at(4)));

        assertTop(c, Cause.OOM_KILLED);
        assertThat(evidenceText(c.top())).contains("node node-a reported a system OOM killing process checkout");
        assertThat(c.top().remediation()).contains("Node node-a ran out of memory")
                .doesNotContain("resources.limits.memory of container");
    }

    @Test
    void shouldBeLessSureOfASystemOomWhoseProcessIsOnlyACommonRuntime() {
        double named = classify(onePodResetting().facts(terminated(POD_A, 137, "Error").at(5),
                nodeOom("node-a", "System OOM encountered, victim process: checkout, pid: 1").at(5))).top().confidence();
        double runtime = classify(onePodResetting().facts(terminated(POD_A, 137, "Error").at(5),
                nodeOom("node-a", "Killed process 1012 (java) total-vm:327128kB, anon-rss:306328kB").at(5)))
                .top().confidence();

        assertThat(runtime).isLessThan(named);
    }

    @Test
    void shouldIgnoreANodeOomThatKilledAnotherProgram() {
        Classification c = classify(onePodResetting().facts(
                terminated(POD_A, 137, "Error").at(5),
                nodeOom("node-a", "Killed process 1012 (fluent-bit) total-vm:327128kB, anon-rss:306328kB").at(5)));

        assertAbsent(c, Cause.OOM_KILLED);
    }

    @Test
    void shouldIgnoreANodeOomOnAnotherNode() {
        Classification c = classify(onePodResetting().facts(
                terminated(POD_A, 137, "Error").at(5),
                nodeOom("node-b", "System OOM encountered, victim process: checkout, pid: 4121").at(5)));

        assertAbsent(c, Cause.OOM_KILLED);
    }

    @Test
    void shouldNotCallAKillAfterTheGracePeriodASystemOom() {
        Classification c = classify(onePodResetting().facts(
                deleting(POD_A).at(-25), terminated(POD_A, 137, "Error").at(5),
                nodeOom("node-a", "System OOM encountered, victim process: checkout, pid: 4121").at(5)));

        assertTop(c, Cause.UNGRACEFUL_SHUTDOWN);
        assertAbsent(c, Cause.OOM_KILLED);
    }

    @Test
    void shouldTreatASidecarOomAsWeakerEvidenceWithTheProxysRemedy() {
        Candidate app = classify(onePodResetting().facts(oomKilled(POD_A).at(5))).top();
        Candidate sidecar = candidate(classify(onePodResetting().facts(oomKilled(POD_A).sidecar().at(5))),
                Cause.OOM_KILLED).orElseThrow();

        assertThat(sidecar.confidence()).isLessThan(app.confidence());
        assertThat(sidecar.remediation()).contains("sidecar.istio.io/proxyMemoryLimit");
        assertThat(evidenceText(sidecar)).contains("the istio-proxy sidecar was OOMKilled");
    }

    @Test
    void shouldNotMatchTheOomOfAnEarlierPodWithTheSameName() {
        Classification c = classify(onePodResetting().facts(oomKilled(POD_A).uid("uid-of-an-earlier-pod").at(5)));

        assertAbsent(c, Cause.OOM_KILLED);
    }

    @Test
    void shouldMatchByNameWhenTheFactHasNoUid() {
        Classification c = classify(onePodResetting().facts(oomKilled(POD_A).uid(null).at(5)));

        assertTop(c, Cause.OOM_KILLED);
    }

    @Test
    void shouldCountAnOomFarBeforeTheWindowLessThanOneInsideIt() {
        double inside = classify(onePodResetting().facts(oomKilled(POD_A).at(10))).top().confidence();
        double farBefore = classify(onePodResetting().facts(oomKilled(POD_A).at(-60))).top().confidence();

        assertThat(farBefore).isLessThan(inside);
    }
}

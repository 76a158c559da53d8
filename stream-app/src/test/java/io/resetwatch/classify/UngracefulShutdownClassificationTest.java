package io.resetwatch.classify;

import static io.resetwatch.classify.ClassificationAssertions.assertAbsent;
import static io.resetwatch.classify.ClassificationAssertions.assertTop;
import static io.resetwatch.classify.ClassificationAssertions.classify;
import static io.resetwatch.classify.ClassificationAssertions.confidenceOf;
import static io.resetwatch.classify.ClassificationAssertions.evidenceText;
import static io.resetwatch.classify.FactBuilder.deletedByOwner;
import static io.resetwatch.classify.FactBuilder.deleting;
import static io.resetwatch.classify.FactBuilder.evicted;
import static io.resetwatch.classify.FactBuilder.scaledDown;
import static io.resetwatch.classify.FactBuilder.terminated;
import static io.resetwatch.classify.PodBuilder.pod;
import static io.resetwatch.classify.Scenarios.NEW_REPLICA_SET;
import static io.resetwatch.classify.Scenarios.POD_A;
import static io.resetwatch.classify.Scenarios.POD_B;
import static io.resetwatch.classify.Scenarios.POD_C;
import static io.resetwatch.classify.Scenarios.REPLICA_SET;
import static io.resetwatch.classify.WindowEvidenceBuilder.window;
import static org.assertj.core.api.Assertions.assertThat;

import io.resetwatch.model.FactType;
import org.junit.jupiter.api.Test;

class UngracefulShutdownClassificationTest {

    private static WindowEvidenceBuilder onePodResetting() {
        return window().pods(pod(POD_A).resets(20), pod(POD_B).on("node-b"))
                .resetReason("connection_termination", 20);
    }

    @Test
    void shouldClassifyARolloutWhosePodsExit143AsStoppedGracefullyWhileTrafficStillArrived() {
        Classification c = classify(Scenarios.rolloutExiting143());

        assertTop(c, Cause.UNGRACEFUL_SHUTDOWN);
        assertThat(c.top().confidence()).isGreaterThan(0.8);
        assertThat(evidenceText(c.top()))
                .contains("deletion of pod " + POD_A + " was requested (grace period 30 s) at 2025-03-04T10:14:40Z")
                .contains("stopped gracefully, yet traffic still reached it")
                .contains("exit 143 = SIGTERM honoured");
        assertThat(c.top().remediation()).contains("preStop").contains("terminationGracePeriodSeconds (currently 30 s)")
                .contains("terminationDrainDuration").contains("EXIT_ON_ZERO_ACTIVE_CONNECTIONS");
    }

    @Test
    void shouldSayWhenThePodWasKilledAfterItsGracePeriod() {
        Classification c = classify(onePodResetting().facts(deleting(POD_A).at(-25).gracePeriod(20),
                terminated(POD_A, 137, "Error").at(-5)));

        assertTop(c, Cause.UNGRACEFUL_SHUTDOWN);
        assertThat(evidenceText(c.top())).contains("container app was killed after its grace period (Error, exit 137 = SIGKILL)");
        assertThat(c.top().remediation()).contains("SIGKILLed").contains("currently 20 s");
        assertAbsent(c, Cause.OOM_KILLED);
    }

    @Test
    void shouldClassifyConnectTimeoutsToTheIpOfAGonePodAsStaleEndpoints() {
        Classification c = classify(window().outbound()
                .pods(pod(POD_A).gone().resets(12, "UF"), pod(POD_B).on("node-b"))
                .flag("URX", 12).resetReason("connection_timeout", 12)
                .durations(12, 10_000, 9900, 10_100, 0.9));

        assertTop(c, Cause.UNGRACEFUL_SHUTDOWN);
        assertThat(evidenceText(c.top())).contains("was gone before these requests").contains("stale endpoint");
        assertThat(c.top().remediation()).contains("connect-failure");
        assertThat(confidenceOf(c, Cause.NETWORK)).isLessThan(c.top().confidence());
        assertAbsent(c, Cause.APP_TIMEOUT);
    }

    @Test
    void shouldClassifyAnEvictionAsUngracefulShutdown() {
        Classification c = classify(onePodResetting().facts(evicted(POD_A).at(2), terminated(POD_A, 137, "Error").at(20)));

        assertTop(c, Cause.UNGRACEFUL_SHUTDOWN);
        assertThat(evidenceText(c.top())).contains("was evicted (\"The node was low on resource: memory.");
    }

    @Test
    void shouldFindTheOwnersDeletionByThePodNamedInItsMessage() {
        Classification c = classify(onePodResetting().facts(deletedByOwner(POD_A).at(-5)));

        assertTop(c, Cause.UNGRACEFUL_SHUTDOWN);
        assertThat(c.top().evidence()).anySatisfy(e -> {
            assertThat(e.kind()).isEqualTo(FactType.POD_DELETED_BY_OWNER.name());
            assertThat(e.detail()).contains("ReplicaSet " + REPLICA_SET + " deleted pod " + POD_A);
        });
    }

    @Test
    void shouldTreatTheDeploymentsScaleDownAloneAsWeakerThanThePodsOwnDeletion() {
        double scaledDown = confidenceOf(classify(onePodResetting().facts(scaledDown("checkout", REPLICA_SET).at(-5))),
                Cause.UNGRACEFUL_SHUTDOWN);
        double deleted = confidenceOf(classify(onePodResetting().facts(deleting(POD_A).at(-5))),
                Cause.UNGRACEFUL_SHUTDOWN);

        assertThat(scaledDown).isPositive().isLessThan(deleted);
    }

    @Test
    void shouldNotMatchAScaleDownOfAnotherDeploymentWithAPrefixName() {
        Classification c = classify(onePodResetting().facts(scaledDown("check", "check-6b5d4c3a2").at(-5)));

        assertAbsent(c, Cause.UNGRACEFUL_SHUTDOWN);
    }

    @Test
    void shouldNotTreatARestartInPlaceAsAShutdown() {
        Classification c = classify(Scenarios.crashLoop());

        assertAbsent(c, Cause.UNGRACEFUL_SHUTDOWN);
    }

    @Test
    void shouldMentionOtherPodsBeingReplacedInTheSameRollout() {
        Classification c = classify(onePodResetting().facts(deleting(POD_A).at(-5), deletedByOwner(POD_C).at(-30)));

        assertThat(evidenceText(c.top())).contains("other pods of the service were being replaced at the same time ("
                + POD_C + ")");
        assertThat(c.top().confidence()).isGreaterThan(
                classify(onePodResetting().facts(deleting(POD_A).at(-5))).top().confidence());
    }

    @Test
    void shouldNotBlameANewPodOfTheRollout() {
        Classification c = classify(window().pods(pod(NEW_REPLICA_SET + "-k2lmn").resets(10))
                .facts(deletedByOwner(POD_A).at(-5), deleting(POD_A).at(-5)));

        assertAbsent(c, Cause.UNGRACEFUL_SHUTDOWN);
    }
}

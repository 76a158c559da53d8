package io.resetwatch.classify;

import static io.resetwatch.classify.ClassificationAssertions.assertAbsent;
import static io.resetwatch.classify.ClassificationAssertions.assertTop;
import static io.resetwatch.classify.ClassificationAssertions.classify;
import static io.resetwatch.classify.ClassificationAssertions.confidenceOf;
import static io.resetwatch.classify.ClassificationAssertions.evidenceText;
import static io.resetwatch.classify.FactBuilder.deletedByOwner;
import static io.resetwatch.classify.FactBuilder.deleting;
import static io.resetwatch.classify.FactBuilder.terminated;
import static io.resetwatch.classify.PodBuilder.pod;
import static io.resetwatch.classify.Scenarios.POD_A;
import static io.resetwatch.classify.Scenarios.POD_B;
import static io.resetwatch.classify.Scenarios.POD_C;
import static io.resetwatch.classify.Scenarios.POD_D;
import static io.resetwatch.classify.Scenarios.POD_E;
import static io.resetwatch.classify.WindowEvidenceBuilder.window;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KeepaliveRaceClassificationTest {

    @Test
    void shouldClassifySporadicShortResetsOnEveryPodWithoutLifecycleFactsAsAKeepAliveRace() {
        Classification c = classify(Scenarios.keepaliveRace());

        assertTop(c, Cause.KEEPALIVE_RACE);
        assertThat(c.top().confidence()).isGreaterThan(0.8);
        assertThat(evidenceText(c.top())).contains("median 3 ms").contains("resets on 5 of 5 pods of the service")
                .contains("sporadic");
        assertThat(c.top().remediation()).contains("trafficPolicy.connectionPool.http.idleTimeout")
                .contains("checkout.shop.svc.cluster.local").contains("server.keepAliveTimeout");
        assertAbsent(c, Cause.CONTAINER_CRASH);
    }

    @Test
    void shouldPreferACrashWhenTheResettingPodExitedOnItsOwn() {
        Classification c = classify(window()
                .pods(pod(POD_A).requests(3000).resets(12), pod(POD_B).on("node-b").requests(3000))
                .resetReason("connection_termination", 12)
                .durations(12, 3, 1, 18, 0.3)
                .facts(terminated(POD_A, 1, "Error").at(10).restartCount(1)));

        assertTop(c, Cause.CONTAINER_CRASH);
        assertThat(confidenceOf(c, Cause.KEEPALIVE_RACE)).isLessThan(0.3);
    }

    @Test
    void shouldYieldToARolloutThatCorrelatesWithTheResets() {
        Classification c = classify(Scenarios.keepaliveRace().facts(
                deletedByOwner(POD_A).at(-5), deleting(POD_A).at(-5), deletedByOwner(POD_B).at(-2), deleting(POD_B).at(-2),
                deletedByOwner(POD_C).at(1), deleting(POD_C).at(1), deletedByOwner(POD_D).at(3), deleting(POD_D).at(3),
                deletedByOwner(POD_E).at(6), deleting(POD_E).at(6)));

        assertTop(c, Cause.UNGRACEFUL_SHUTDOWN);
        assertThat(confidenceOf(c, Cause.KEEPALIVE_RACE)).isLessThan(c.top().confidence());
    }

    @Test
    void shouldBeLessSureWhenOnlyOnePodOfManyResets() {
        double everyPod = classify(Scenarios.keepaliveRace()).top().confidence();
        double onePod = confidenceOf(classify(window()
                .pods(pod(POD_A).requests(3000).resets(12), pod(POD_B).on("node-b").requests(3000),
                        pod(POD_C).requests(3000), pod(POD_D).requests(3000), pod(POD_E).requests(3000))
                .servicePods(5).resetReason("connection_termination", 12).durations(12, 3, 1, 18, 0.3)),
                Cause.KEEPALIVE_RACE);

        assertThat(onePod).isLessThan(everyPod);
    }

    @Test
    void shouldBeLessSureWhenHalfOfTheRequestsFail() {
        double sporadic = classify(Scenarios.keepaliveRace()).top().confidence();
        double massive = confidenceOf(classify(Scenarios.keepaliveRace().requests(24)), Cause.KEEPALIVE_RACE);

        assertThat(massive).isLessThan(sporadic);
    }

    @Test
    void shouldNotSuspectAKeepAliveRaceWithoutConnectionTerminations() {
        Classification c = classify(window()
                .pods(pod(POD_A).requests(3000).resets(6, "UR"), pod(POD_B).on("node-b").requests(3000).resets(6, "UR"))
                .resetReason("remote_reset", 12).durations(12, 3, 1, 18, 0.3));

        assertAbsent(c, Cause.KEEPALIVE_RACE);
    }

    @Test
    void shouldNotSuspectAKeepAliveRaceWhenDurationsAreUnknown() {
        Classification c = classify(Scenarios.keepaliveRace().durations(0, 0, 0, 0, 0));

        assertAbsent(c, Cause.KEEPALIVE_RACE);
    }
}

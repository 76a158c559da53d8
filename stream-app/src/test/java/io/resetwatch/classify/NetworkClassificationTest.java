package io.resetwatch.classify;

import static io.resetwatch.classify.ClassificationAssertions.assertAbsent;
import static io.resetwatch.classify.ClassificationAssertions.assertTop;
import static io.resetwatch.classify.ClassificationAssertions.classify;
import static io.resetwatch.classify.ClassificationAssertions.confidenceOf;
import static io.resetwatch.classify.ClassificationAssertions.evidenceText;
import static io.resetwatch.classify.FactBuilder.nodeNotReady;
import static io.resetwatch.classify.FactBuilder.terminated;
import static io.resetwatch.classify.PodBuilder.pod;
import static io.resetwatch.classify.Scenarios.POD_A;
import static io.resetwatch.classify.Scenarios.POD_B;
import static io.resetwatch.classify.Scenarios.POD_C;
import static io.resetwatch.classify.Scenarios.POD_D;
import static io.resetwatch.classify.WindowEvidenceBuilder.window;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NetworkClassificationTest {

    /** Two pods on node-b carry every reset; the service's pods on node-a and node-c are clean. */
    private static WindowEvidenceBuilder nodeBResetting() {
        return window().outbound()
                .pods(pod(POD_A).on("node-b").resets(20, "UC"), pod(POD_B).on("node-b").resets(15, "UC"),
                        pod(POD_C).on("node-a"), pod(POD_D).on("node-c"));
    }

    @Test
    void shouldClassifyNodeNotReadyOnTheAffectedPodsNodeAsNetwork() {
        Classification c = classify(Scenarios.nodeGoesNotReady());

        assertTop(c, Cause.NETWORK);
        assertThat(c.top().confidence()).isGreaterThan(0.85);
        assertThat(evidenceText(c.top())).contains("node node-b was not ready").contains("15 s before the window started");
        assertThat(c.top().remediation()).contains("node node-b").contains("outlierDetection");
        assertThat(c.top().evidence()).anySatisfy(e -> assertThat(e.node()).isEqualTo("node-b"));
    }

    @Test
    void shouldAcceptNodeNotReadyEventsRecordedOnThePod() {
        WindowEvidenceBuilder onePodOnNodeB = window()
                .pods(pod(POD_A).on("node-b").resets(20), pod(POD_C).on("node-a"));

        Classification without = classify(onePodOnNodeB);
        Classification with = classify(onePodOnNodeB.facts(FactBuilder.nodeNotReadyOnPod(POD_A, "node-b").at(-10)));

        assertAbsent(without, Cause.NETWORK);
        assertTop(with, Cause.NETWORK);
        assertThat(evidenceText(with.top())).contains("node node-b was not ready");
    }

    @Test
    void shouldReadResetsConcentratedOnOneNodeWhileOtherNodesAreCleanAsNetwork() {
        Classification c = classify(nodeBResetting());

        assertTop(c, Cause.NETWORK);
        assertThat(evidenceText(c.top())).contains("2 pods on node node-b carry 100 % of the resets, while 2 pods of"
                + " the service on other nodes carry 0 %");
    }

    @Test
    void shouldNotCallOnePodsResetsANodeProblem() {
        Classification c = classify(window().pods(pod(POD_A).on("node-b").resets(20), pod(POD_C).on("node-a")));

        assertAbsent(c, Cause.NETWORK);
    }

    @Test
    void shouldReadEhostunreachToLivePodIpsAsNetwork() {
        Classification c = classify(window().outbound()
                .pods(pod(POD_A).resets(10, "UF"), pod(POD_C).on("node-c").resets(10, "UF"))
                .flag("URX", 20)
                .resetReason("remote_connection_failure", 20)
                .transportFailure("delayed_connect_error:_113", 20));

        assertTop(c, Cause.NETWORK);
        assertThat(evidenceText(c.top())).contains("EHOSTUNREACH (errno 113)");
    }

    @Test
    void shouldRateAMixOfEhostunreachAndConnectTimeoutsBetweenEitherAlone() {
        WindowEvidenceBuilder twoLivePods = window().outbound()
                .pods(pod(POD_A).resets(5, "UF"), pod(POD_C).on("node-c").resets(5, "UF"))
                .flag("URX", 10);

        double unreachable = confidenceOf(classify(twoLivePods.resetReason("remote_connection_failure", 10)
                .transportFailure("delayed_connect_error:_113", 10)), Cause.NETWORK);
        double mixed = confidenceOf(classify(window().outbound()
                .pods(pod(POD_A).resets(5, "UF"), pod(POD_C).on("node-c").resets(5, "UF"))
                .flag("URX", 10)
                .resetReason("remote_connection_failure", 4).resetReason("connection_timeout", 6)
                .transportFailure("delayed_connect_error:_113", 4)), Cause.NETWORK);
        double timeouts = confidenceOf(classify(window().outbound()
                .pods(pod(POD_A).resets(5, "UF"), pod(POD_C).on("node-c").resets(5, "UF"))
                .flag("URX", 10)
                .resetReason("connection_timeout", 10)), Cause.NETWORK);

        assertThat(mixed).isGreaterThan(timeouts).isLessThan(unreachable).isGreaterThan(0.5);
    }

    @Test
    void shouldNotCallConnectTimeoutsToGonePodsNetwork() {
        Classification c = classify(window().outbound()
                .pods(pod(POD_A).gone().resets(10, "UF"), pod(POD_C).on("node-c").gone().resets(10, "UF"))
                .resetReason("connection_timeout", 20));

        assertTop(c, Cause.UNGRACEFUL_SHUTDOWN);
        assertAbsent(c, Cause.NETWORK);
    }

    @Test
    void shouldReadATlsHandshakeCutByResetsAsNetworkNotMeshMisconfiguration() {
        Classification c = classify(window().outbound()
                .pods(pod(POD_A).resets(10, "UF"), pod(POD_C).on("node-c").resets(10, "UF"))
                .transportFailure("TLS_error:_33554536:system_library:OPENSSL_internal:Connection_reset_by_peer", 20));

        assertTop(c, Cause.NETWORK);
        assertAbsent(c, Cause.MESH_TLS_MISCONFIG);
    }

    @Test
    void shouldWeakenANodeSignalWhenThePodsHaveTheirOwnTerminations() {
        double clean = confidenceOf(classify(nodeBResetting()), Cause.NETWORK);
        Classification crashed = classify(nodeBResetting().facts(
                terminated(POD_A, 1, "Error").at(5).restartCount(1), terminated(POD_B, 1, "Error").at(6).restartCount(1)));

        assertTop(crashed, Cause.CONTAINER_CRASH);
        assertThat(confidenceOf(crashed, Cause.NETWORK)).isLessThan(clean);
    }
}

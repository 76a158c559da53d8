package io.resetwatch.classify;

import static io.resetwatch.classify.ClassificationAssertions.classify;
import static io.resetwatch.classify.ClassificationAssertions.evidenceText;
import static io.resetwatch.classify.PodBuilder.pod;
import static io.resetwatch.classify.PodBuilder.unresolved;
import static io.resetwatch.classify.Scenarios.POD_A;
import static io.resetwatch.classify.Scenarios.POD_B;
import static io.resetwatch.classify.WindowEvidenceBuilder.WINDOW_START;
import static io.resetwatch.classify.WindowEvidenceBuilder.window;
import static org.assertj.core.api.Assertions.assertThat;

import io.resetwatch.model.FactScope;
import io.resetwatch.model.FactType;
import io.resetwatch.model.LifecycleFact;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UnknownClassificationTest {

    @Test
    void shouldFallBackToUnknownWithTheRawEvidenceWhenNothingFits() {
        Classification c = classify(Scenarios.nothingKnown());

        assertThat(c.candidates()).extracting(Candidate::cause).containsExactly(Cause.UNKNOWN);
        Candidate unknown = c.top();
        assertThat(unknown.confidence()).isLessThanOrEqualTo(0.2);
        assertThat(evidenceText(unknown)).contains("16 of 200 requests failed; flags: UR 16")
                .contains("reset reasons: remote_reset 16")
                .contains("pod " + POD_A + " (node-a) had 9 of 16 resets")
                .contains("no lifecycle fact was joined");
        assertThat(unknown.remediation()).isNotBlank().contains("2025-03-04T10:15:00Z");
    }

    @Test
    void shouldBeSomewhatSurerItDoesNotKnowWhenThePodFeedMissesTheIps() {
        Classification resolved = classify(Scenarios.nothingKnown());
        Classification unresolved = classify(window().outbound()
                .pods(unresolved("10.9.0.7").resets(9, "UR"), unresolved("10.9.0.8").resets(7, "UR"))
                .resetReason("remote_reset", 16));

        assertThat(unresolved.top().cause()).isEqualTo(Cause.UNKNOWN);
        assertThat(unresolved.top().confidence()).isGreaterThan(resolved.top().confidence());
        assertThat(evidenceText(unresolved.top())).contains("no pod feed covers its IP 10.9.0.7");
        assertThat(unresolved.top().remediation()).contains("2 unresolved");
    }

    @Test
    void shouldPointAtARestartWhenTheAppRefusedConnectionsButNoTerminationWasReported() {
        Classification c = classify(window().pods(pod(POD_A).resets(8, "UF"), pod(POD_B).on("node-b"))
                .resetReason("remote_connection_failure", 8).transportFailure("delayed_connect_error:_111", 8));

        assertThat(c.top().cause()).isEqualTo(Cause.UNKNOWN);
        assertThat(evidenceText(c.top())).contains("ECONNREFUSED (111)").contains("no container termination was reported");
    }

    @Test
    void shouldNeverThrowOnANullWindow() {
        Classification c = new Classifier(ClassifierSettings.DEFAULTS).classify(null);

        assertThat(c.top().cause()).isEqualTo(Cause.UNKNOWN);
        assertThat(c.top().remediation()).isNotBlank();
    }

    @Test
    void shouldNeverThrowOnSparseEvidence() {
        LifecycleFact noTime = new LifecycleFact(FactType.CONTAINER_OOM_KILLED, FactScope.POD, null, null, null, null,
                null, null, null, null, null, null, null, 0, null, null, null, null, null, null, null, null, null, null);
        LifecycleFact noType = new LifecycleFact(null, FactScope.POD, null, null, POD_A, null, null, null, null, null,
                WINDOW_START, null, null, 1, null, null, null, null, null, null, null, null, null, null);
        LifecycleFact ownerWithoutNames = new LifecycleFact(FactType.SCALED_DOWN, FactScope.OWNER, null, null, null,
                null, null, null, null, null, WINDOW_START, null, null, 1, null, null, null, null, null, null, null,
                null, null, null);
        LifecycleFact terminationWithoutExit = new LifecycleFact(FactType.CONTAINER_TERMINATED, FactScope.POD, null,
                null, POD_A, null, null, null, null, null, WINDOW_START, null, null, 1, null, null, null, null, null,
                null, null, null, null, null);
        PodEvidence anonymous = new PodEvidence(null, null, null, null, 0, 5, null, null);
        PodEvidence named = new PodEvidence(POD_A, null, null, null, -1, 3, Map.of("UC", 3L), PodEvidence.IpState.LIVE);
        WindowEvidence sparse = new WindowEvidence(null, null, null, null, null, 0, 0, null, 0, 0, 0,
                new DurationStats(3, 20, 1, 90, Double.NaN), null, null, null, List.of(anonymous, named), 0,
                List.of(noTime, noType, ownerWithoutNames, terminationWithoutExit));

        Classification c = new Classifier(ClassifierSettings.DEFAULTS).classify(sparse);

        assertThat(c.candidates()).isNotEmpty();
        assertThat(c.candidates()).allSatisfy(x -> assertThat(x.confidence()).isBetween(0.0, 1.0));
    }

    @Test
    void shouldClassifyAWindowWithoutResetsAsUnknownWithoutFailing() {
        Classification c = classify(window().pods(pod(POD_A)));

        assertThat(c.top().cause()).isEqualTo(Cause.UNKNOWN);
        assertThat(evidenceText(c.top())).contains("0 of 100 requests failed; flags: none");
    }
}

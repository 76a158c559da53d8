package io.resetwatch.classify;

import static io.resetwatch.classify.ClassificationAssertions.classify;
import static io.resetwatch.classify.FactBuilder.oomKilled;
import static io.resetwatch.classify.PodBuilder.pod;
import static io.resetwatch.classify.Scenarios.POD_A;
import static io.resetwatch.classify.Scenarios.POD_B;
import static io.resetwatch.classify.WindowEvidenceBuilder.window;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.resetwatch.model.LifecycleFact;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ClassificationRankingTest {

    static Stream<WindowEvidenceBuilder> scenarios() {
        return Scenarios.all().stream();
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void shouldKeepEveryConfidenceWithinZeroAndOne(WindowEvidenceBuilder window) {
        assertThat(classify(window).candidates())
                .allSatisfy(c -> assertThat(c.confidence()).isBetween(0.0, 1.0));
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void shouldGiveTheTopCandidateARemediationAndEvidence(WindowEvidenceBuilder window) {
        Candidate top = classify(window).top();

        assertThat(top.remediation()).isNotBlank();
        assertThat(top.evidence()).isNotEmpty().allSatisfy(e -> assertThat(e.detail()).isNotBlank());
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void shouldSortByConfidenceThenByCause(WindowEvidenceBuilder window) {
        List<Candidate> candidates = classify(window).candidates();

        for (int i = 1; i < candidates.size(); i++) {
            Candidate before = candidates.get(i - 1);
            Candidate after = candidates.get(i);
            assertThat(before.confidence() > after.confidence()
                    || (before.confidence() == after.confidence() && before.cause().compareTo(after.cause()) < 0))
                    .as("%s before %s", before, after).isTrue();
        }
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void shouldListEachCauseAtMostOnceAndUnknownOnlyAsTheFallback(WindowEvidenceBuilder window) {
        List<Cause> causes = classify(window).candidates().stream().map(Candidate::cause).toList();

        assertThat(causes).doesNotHaveDuplicates();
        if (causes.contains(Cause.UNKNOWN)) {
            assertThat(causes).containsExactly(Cause.UNKNOWN);
        }
    }

    @Test
    void shouldBeSurerOfAnOomOnEveryResettingPodThanOnOneOfFive() {
        double allThree = classify(Scenarios.oomOn(3, 3)).top().confidence();
        double oneOfFive = classify(Scenarios.oomOn(1, 5)).top().confidence();

        assertThat(allThree).isGreaterThan(oneOfFive);
        assertThat(allThree).isGreaterThan(0.9);
        assertThat(oneOfFive).isLessThan(0.5);
    }

    @Test
    void shouldGiveTheSameClassificationForTheSameEvidence() {
        Classifier classifier = new Classifier(ClassifierSettings.DEFAULTS);
        WindowEvidence window = Scenarios.rolloutExiting143().build();

        assertThat(classifier.classify(window)).isEqualTo(classifier.classify(window));
    }

    @Test
    void shouldNotDependOnTheOrderOfFactsAndPods() {
        WindowEvidence window = Scenarios.rolloutExiting143().build();
        List<LifecycleFact> facts = new ArrayList<>(window.facts());
        Collections.reverse(facts);
        List<PodEvidence> pods = new ArrayList<>(window.pods());
        Collections.reverse(pods);
        WindowEvidence reordered = new WindowEvidence(window.namespace(), window.service(), window.upstreamCluster(),
                window.windowStart(), window.windowEnd(), window.requestsOutbound(), window.requestsInbound(),
                window.flagCounts(), window.resetsOutbound(), window.resetsInbound(), window.uniqueFailedRequests(),
                window.resetDurations(), window.resetReasons(), window.transportFailures(), window.responseCodes(),
                pods, window.servicePodCount(), facts);
        Classifier classifier = new Classifier(ClassifierSettings.DEFAULTS);

        assertThat(classifier.classify(reordered)).isEqualTo(classifier.classify(window));
    }

    @Test
    void shouldCapTheEvidenceAndSayHowMuchWasLeftOut() {
        Classification c = new Classifier(new ClassifierSettings(Duration.ofSeconds(2), 3))
                .classify(Scenarios.oomOn(3, 3).build());

        assertThat(c.top().evidence()).hasSize(3);
        assertThat(c.top().evidence().get(2).detail()).isEqualTo("5 more pieces of evidence not shown");
        assertThat(new Classifier(ClassifierSettings.DEFAULTS).classify(Scenarios.oomOn(3, 3).build()).top().evidence())
                .hasSizeLessThanOrEqualTo(ClassifierSettings.DEFAULTS.maxEvidencePerCandidate());
    }

    @Test
    void shouldKeepTheStrongestEvidenceWhenCappedToOne() {
        Classification c = new Classifier(new ClassifierSettings(Duration.ofSeconds(2), 1))
                .classify(Scenarios.oomOn(3, 3).build());

        assertThat(c.top().evidence()).hasSize(1);
        assertThat(c.top().evidence().get(0).detail()).contains("OOM kills on 3 of 3 pods with resets");
    }

    @Test
    void shouldTreatAFactWithinTheClockSkewOfTheWindowAsInsideIt() {
        WindowEvidenceBuilder inside = window().pods(pod(POD_A).resets(10), pod(POD_B).resets(10))
                .facts(oomKilled(POD_A).at(5));
        WindowEvidenceBuilder justBefore = window().pods(pod(POD_A).resets(10), pod(POD_B).resets(10))
                .facts(oomKilled(POD_A).at(-2));

        Classifier tolerant = new Classifier(new ClassifierSettings(Duration.ofSeconds(2), 8));
        Classifier strict = new Classifier(new ClassifierSettings(Duration.ZERO, 8));

        assertThat(tolerant.classify(justBefore.build()).top().confidence())
                .isEqualTo(tolerant.classify(inside.build()).top().confidence());
        assertThat(strict.classify(justBefore.build()).top().confidence())
                .isLessThan(strict.classify(inside.build()).top().confidence());
    }

    @Test
    void shouldListOnlyCausesWithSupportingEvidence() {
        Classification c = classify(Scenarios.oomOn(3, 3));

        assertThat(c.candidates()).extracting(Candidate::cause).containsExactly(Cause.OOM_KILLED);
    }

    @Test
    void shouldRankAnAlternativeReadingBelowTheBetterOne() {
        Classification c = classify(Scenarios.crashLoop());

        assertThat(c.candidates()).extracting(Candidate::cause)
                .containsExactly(Cause.CONTAINER_CRASH, Cause.KEEPALIVE_RACE);
    }

    @Test
    void shouldRejectSettingsThatCannotWork() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new ClassifierSettings(Duration.ofSeconds(-1), 8));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new ClassifierSettings(Duration.ofSeconds(2), 0));
        assertThat(new ClassifierSettings(null, 8).clockSkew()).isEqualTo(Duration.ofSeconds(2));
    }
}

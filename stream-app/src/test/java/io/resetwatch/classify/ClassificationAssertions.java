package io.resetwatch.classify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.stream.Collectors;

/** Reads a classification the way tests ask about it. */
final class ClassificationAssertions {

    private static final Classifier CLASSIFIER = new Classifier(ClassifierSettings.DEFAULTS);

    private ClassificationAssertions() {
    }

    static Classification classify(WindowEvidenceBuilder window) {
        return CLASSIFIER.classify(window.build());
    }

    static Optional<Candidate> candidate(Classification c, Cause cause) {
        return c.candidates().stream().filter(x -> x.cause() == cause).findFirst();
    }

    static double confidenceOf(Classification c, Cause cause) {
        return candidate(c, cause).map(Candidate::confidence).orElse(0.0);
    }

    /** All evidence sentences of one candidate, one per line, for contains-assertions. */
    static String evidenceText(Candidate c) {
        return c.evidence().stream().map(Evidence::detail).collect(Collectors.joining("\n"));
    }

    static void assertTop(Classification c, Cause cause) {
        assertThat(c.top().cause())
                .as("top cause; candidates: %s", c.candidates().stream()
                        .map(x -> x.cause() + "=" + x.confidence()).collect(Collectors.joining(", ")))
                .isEqualTo(cause);
    }

    static void assertAbsent(Classification c, Cause cause) {
        assertThat(candidate(c, cause)).as("%s should not be a candidate", cause).isEmpty();
    }
}

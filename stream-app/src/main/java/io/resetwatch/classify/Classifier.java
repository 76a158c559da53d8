package io.resetwatch.classify;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ranks the causes of one upstream's resets in one window (DOMAIN §10). Pure and deterministic: the same
 * evidence gives the same classification. Each cause has one explicit rule; a cause appears only when its rule
 * found supporting evidence, and UNKNOWN stands in when none did.
 */
public final class Classifier {

    private static final Logger LOG = LoggerFactory.getLogger(Classifier.class);

    /** In DOMAIN §10's evaluation order; the ranking itself comes from the confidences. */
    private static final List<CauseRule> RULES = List.of(
            new MeshTlsMisconfigRule(),
            new CircuitBreakerOverflowRule(),
            new OomKilledRule(),
            new LivenessRestartRule(),
            new ContainerCrashRule(),
            new UngracefulShutdownRule(),
            new NetworkRule(),
            new AppTimeoutRule(),
            new KeepaliveRaceRule());

    /** Below this, a rule's evidence is all but contradicted: listing it would only distract. */
    static final double MIN_CONFIDENCE = 0.05;

    private static final Comparator<Candidate> RANKING = Comparator
            .comparingDouble(Candidate::confidence).reversed()
            .thenComparing(c -> c.cause().ordinal());

    private final ClassifierSettings settings;
    private final UnknownRule unknown = new UnknownRule();

    public Classifier(ClassifierSettings settings) {
        this.settings = settings == null ? ClassifierSettings.DEFAULTS : settings;
    }

    /** Candidates sorted by confidence, then cause; never empty, never throws. */
    public Classification classify(WindowEvidence window) {
        if (window == null) {
            return nothingToGoOn("no window evidence");
        }
        try {
            return rank(new WindowContext(window, settings.clockSkew()));
        } catch (RuntimeException e) {
            LOG.warn("classifier failed on window of {}/{}: {}", window.namespace(), window.service(), e.toString());
            return nothingToGoOn("the evidence could not be read");
        }
    }

    private Classification rank(WindowContext context) {
        List<Candidate> candidates = new ArrayList<>();
        for (CauseRule rule : RULES) {
            try {
                Optional<Candidate> candidate = rule.evaluate(context);
                candidate.filter(c -> c.confidence() >= MIN_CONFIDENCE).ifPresent(c -> candidates.add(capped(c)));
            } catch (RuntimeException e) {
                // A defect in one rule must not cost the alert; the other rules still rank.
                LOG.warn("classifier rule {} failed: {}", rule.getClass().getSimpleName(), e.toString());
            }
        }
        if (candidates.isEmpty()) {
            candidates.add(capped(unknown.evaluate(context)));
        }
        candidates.sort(RANKING);
        return new Classification(candidates);
    }

    private static Classification nothingToGoOn(String why) {
        return new Classification(List.of(new Candidate(Cause.UNKNOWN, 0.01,
                List.of(WindowContext.aggregate("input", why)), "Nothing to classify: " + why + ".")));
    }

    /** Keeps the first evidence items; the last kept one says how many were left out. */
    private Candidate capped(Candidate c) {
        int max = settings.maxEvidencePerCandidate();
        if (c.evidence().size() <= max) {
            return c;
        }
        List<Evidence> kept = new ArrayList<>(c.evidence().subList(0, max == 1 ? 1 : max - 1));
        if (max > 1) {
            int omitted = c.evidence().size() - kept.size();
            kept.add(WindowContext.aggregate("omitted", omitted + " more pieces of evidence not shown"));
        }
        return new Candidate(c.cause(), c.confidence(), kept, c.remediation());
    }
}

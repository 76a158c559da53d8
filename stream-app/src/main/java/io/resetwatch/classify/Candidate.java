package io.resetwatch.classify;

import java.util.List;

/**
 * A ranked cause with its confidence in [0,1], derived from the strength of its evidence, and the remediation
 * an SRE can act on.
 */
public record Candidate(Cause cause, double confidence, List<Evidence> evidence, String remediation) {

    public Candidate {
        evidence = evidence == null ? List.of() : List.copyOf(evidence);
        if (confidence < 0 || confidence > 1 || Double.isNaN(confidence)) {
            throw new IllegalArgumentException("confidence outside [0,1]: " + confidence);
        }
    }
}

package io.resetwatch.classify;

import java.util.List;

/** Candidates ranked by confidence, best first; never empty (UNKNOWN when nothing else fits). */
public record Classification(List<Candidate> candidates) {

    public Classification {
        candidates = List.copyOf(candidates);
        if (candidates.isEmpty()) {
            throw new IllegalArgumentException("a classification needs at least one candidate");
        }
    }

    public Candidate top() {
        return candidates.get(0);
    }
}

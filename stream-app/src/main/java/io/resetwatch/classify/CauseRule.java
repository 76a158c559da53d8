package io.resetwatch.classify;

import java.util.Optional;

/** One cause's signature: a candidate when the window holds evidence for it, empty otherwise. */
interface CauseRule {

    Optional<Candidate> evaluate(WindowContext context);
}

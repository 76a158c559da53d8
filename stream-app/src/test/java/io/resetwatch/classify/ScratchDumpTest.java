package io.resetwatch.classify;

import org.junit.jupiter.api.Test;

class ScratchDumpTest {
    @Test
    void dump() {
        String[] names = {"oom3of3","oom1of5","rollout143","keepalive","apptimeout","crash","liveness","nodeNotReady","tls","overflow","nothing"};
        int i = 0;
        for (WindowEvidenceBuilder w : Scenarios.all()) {
            Classification c = ClassificationAssertions.classify(w);
            System.out.println("=== " + names[i++]);
            for (Candidate k : c.candidates()) {
                System.out.println("  " + k.cause() + " " + k.confidence());
            }
            Candidate t = c.top();
            t.evidence().forEach(e -> System.out.println("     - [" + e.kind() + "] " + e.detail()));
            System.out.println("     > " + t.remediation());
        }
    }
}

package io.resetwatch.classify;

import static io.resetwatch.classify.FactBuilder.backOff;
import static io.resetwatch.classify.FactBuilder.deletedByOwner;
import static io.resetwatch.classify.FactBuilder.deleting;
import static io.resetwatch.classify.FactBuilder.livenessKill;
import static io.resetwatch.classify.FactBuilder.livenessProbeFailed;
import static io.resetwatch.classify.FactBuilder.nodeNotReady;
import static io.resetwatch.classify.FactBuilder.oomKilled;
import static io.resetwatch.classify.FactBuilder.scaledDown;
import static io.resetwatch.classify.FactBuilder.stopping;
import static io.resetwatch.classify.FactBuilder.terminated;
import static io.resetwatch.classify.PodBuilder.pod;
import static io.resetwatch.classify.WindowEvidenceBuilder.window;

import java.util.List;

/** The canonical window of each cause, as the cause tests and the ranking tests share them. */
final class Scenarios {

    static final String REPLICA_SET = "checkout-7d9f8c6b5";
    static final String NEW_REPLICA_SET = "checkout-5c6d7e8f9";
    static final String POD_A = REPLICA_SET + "-x2kqp";
    static final String POD_B = REPLICA_SET + "-m4tzv";
    static final String POD_C = REPLICA_SET + "-q8wln";
    static final String POD_D = REPLICA_SET + "-b7rcd";
    static final String POD_E = REPLICA_SET + "-h2jsk";
    static final List<String> PODS = List.of(POD_A, POD_B, POD_C, POD_D, POD_E);

    private Scenarios() {
    }

    /** The first {@code oomPods} of {@code pods} pods (10 resets each) had their app container OOM-killed. */
    static WindowEvidenceBuilder oomOn(int oomPods, int pods) {
        WindowEvidenceBuilder w = window().resetReason("connection_termination", 10L * pods)
                .durations(10L * pods, 900, 40, 2500, 0.2);
        for (int i = 0; i < pods; i++) {
            w.pods(pod(PODS.get(i)).on(i % 2 == 0 ? "node-a" : "node-b").resets(10));
        }
        for (int i = 0; i < oomPods; i++) {
            w.facts(oomKilled(PODS.get(i)).at(5 + i).memoryLimit("256Mi"));
        }
        return w;
    }

    /** A rollout: the Deployment scales the old ReplicaSet down; its pods stop with exit 143 while traffic still arrives. */
    static WindowEvidenceBuilder rolloutExiting143() {
        return window()
                .pods(pod(POD_A).resets(12), pod(POD_B).on("node-b").resets(8),
                        pod(NEW_REPLICA_SET + "-k2lmn").on("node-c"))
                .resetReason("connection_termination", 20)
                .durations(20, 400, 20, 1500, 0.15)
                .facts(scaledDown("checkout", REPLICA_SET).at(-20),
                        deletedByOwner(POD_A).at(-20), deleting(POD_A).at(-20), stopping(POD_A).at(-19),
                        terminated(POD_A, 143, "Completed").at(5),
                        deletedByOwner(POD_B).at(10), deleting(POD_B).at(10), stopping(POD_B).at(11),
                        terminated(POD_B, 143, "Completed").at(30));
    }

    /** Sporadic inbound UC with tiny durations on every pod, no lifecycle facts. */
    static WindowEvidenceBuilder keepaliveRace() {
        return window()
                .pods(pod(POD_A).requests(3000).resets(3), pod(POD_B).on("node-b").requests(3000).resets(2),
                        pod(POD_C).on("node-c").requests(3000).resets(3), pod(POD_D).requests(3000).resets(2),
                        pod(POD_E).on("node-b").requests(3000).resets(2))
                .servicePods(5)
                .resetReason("connection_termination", 12)
                .durations(12, 3, 1, 18, 0.3);
    }

    /** Inbound UC whose durations cluster at {@code ms}, on every pod, no lifecycle facts. */
    static WindowEvidenceBuilder appTimeout(long ms) {
        return window()
                .pods(pod(POD_A).requests(80).resets(10), pod(POD_B).on("node-b").requests(80).resets(10),
                        pod(POD_C).on("node-c").requests(80).resets(10))
                .servicePods(3)
                .resetReason("connection_termination", 30)
                .flag("URX", 10)
                .durations(30, ms, ms - ms / 50, ms + ms / 100, 0.95);
    }

    /** One pod's app exits 1 on its own and crash-loops. */
    static WindowEvidenceBuilder crashLoop() {
        return window()
                .pods(pod(POD_A).resets(20), pod(POD_B).on("node-b"), pod(POD_C).on("node-c"))
                .resetReason("connection_termination", 20)
                .durations(20, 15, 2, 300, 0.3)
                .facts(terminated(POD_A, 1, "Error").at(12).restartCount(3), backOff(POD_A).at(14));
    }

    /** The kubelet restarts a hung container after three liveness failures. */
    static WindowEvidenceBuilder livenessRestart() {
        return window()
                .pods(pod(POD_A).resets(15), pod(POD_B).on("node-b"))
                .flag("UT", 6).flag("DC", 6)
                .resetReason("connection_termination", 15)
                .durations(15, 800, 100, 9000, 0.1)
                .facts(livenessProbeFailed(POD_A).repeated(3, -10, 10), livenessKill(POD_A).at(10),
                        terminated(POD_A, 143, "Error").at(12).restartCount(1));
    }

    /** Node node-b goes NotReady; its pods carry the resets, pods elsewhere are fine. */
    static WindowEvidenceBuilder nodeGoesNotReady() {
        return window().outbound()
                .pods(pod(POD_A).on("node-b").resets(20, "UF"), pod(POD_B).on("node-b").resets(15, "UF"),
                        pod(POD_C).on("node-a"), pod(POD_D).on("node-c"))
                .flag("URX", 35)
                .resetReason("connection_timeout", 35)
                .durations(35, 10000, 9800, 10100, 0.9)
                .facts(nodeNotReady("node-b").at(-15));
    }

    /** Every request fails TLS verification. */
    static WindowEvidenceBuilder certificateVerifyFailed() {
        return window().outbound()
                .pods(pod(POD_A).requests(50).resets(50, "UF"), pod(POD_B).on("node-b").requests(50).resets(50, "UF"))
                .transportFailure("TLS_error:|268435581:SSL_routines:OPENSSL_internal:CERTIFICATE_VERIFY_FAILED:TLS_error_end", 100)
                .resetReason("remote_connection_failure", 100)
                .durations(100, 4, 2, 9, 0.5);
    }

    /** The callers' circuit breaker overflows. */
    static WindowEvidenceBuilder overflow() {
        return window().outbound()
                .pods(pod(POD_A).requests(400), pod(POD_B).on("node-b").requests(400))
                .requests(1000)
                .serviceResets(200, "UO")
                .resetReason("overflow", 200)
                .durations(200, 1, 0, 2, 0.6);
    }

    /** Resets with nothing that matches a signature. */
    static WindowEvidenceBuilder nothingKnown() {
        return window()
                .pods(pod(POD_A).resets(9, "UR"), pod(POD_B).on("node-b").resets(7, "UR"))
                .resetReason("remote_reset", 16)
                .durations(16, 700, 90, 4000, 0.1);
    }

    static List<WindowEvidenceBuilder> all() {
        return List.of(oomOn(3, 3), oomOn(1, 5), rolloutExiting143(), keepaliveRace(), appTimeout(120_001),
                crashLoop(), livenessRestart(), nodeGoesNotReady(), certificateVerifyFailed(), overflow(), nothingKnown());
    }
}

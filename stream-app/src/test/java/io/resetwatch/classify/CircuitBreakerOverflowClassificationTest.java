package io.resetwatch.classify;

import static io.resetwatch.classify.ClassificationAssertions.assertAbsent;
import static io.resetwatch.classify.ClassificationAssertions.assertTop;
import static io.resetwatch.classify.ClassificationAssertions.classify;
import static io.resetwatch.classify.ClassificationAssertions.confidenceOf;
import static io.resetwatch.classify.ClassificationAssertions.evidenceText;
import static io.resetwatch.classify.PodBuilder.pod;
import static io.resetwatch.classify.Scenarios.POD_A;
import static io.resetwatch.classify.WindowEvidenceBuilder.window;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CircuitBreakerOverflowClassificationTest {

    @Test
    void shouldClassifyDominantOverflowAsCircuitBreakerOverflow() {
        Classification c = classify(Scenarios.overflow());

        assertTop(c, Cause.CIRCUIT_BREAKER_OVERFLOW);
        assertThat(evidenceText(c.top())).contains("200 requests overflowed the circuit breaker (UO, 100 % of reset lines)");
        assertThat(c.top().remediation()).contains("checkout.shop.svc.cluster.local")
                .contains("http.http1MaxPendingRequests").contains("tcp.maxConnections");
    }

    @Test
    void shouldBeLessSureWhenOverflowIsAMinorityOfTheResets() {
        double dominant = confidenceOf(classify(Scenarios.overflow()), Cause.CIRCUIT_BREAKER_OVERFLOW);
        Classification minority = classify(window().outbound().pods(pod(POD_A).requests(1000).resets(90, "UC"))
                .serviceResets(10, "UO").resetReason("connection_termination", 90).resetReason("overflow", 10));

        assertThat(confidenceOf(minority, Cause.CIRCUIT_BREAKER_OVERFLOW)).isPositive().isLessThan(dominant).isLessThan(0.5);
    }

    @Test
    void shouldRecognizeOverflowFromTheResetReasonAlone() {
        Classification c = classify(window().outbound().pods(pod(POD_A).requests(100)).requests(100)
                .serviceResets(30, "URX").resetReason("overflow", 30));

        assertTop(c, Cause.CIRCUIT_BREAKER_OVERFLOW);
    }

    @Test
    void shouldNotSuspectTheCircuitBreakerWithoutOverflow() {
        assertAbsent(classify(Scenarios.keepaliveRace()), Cause.CIRCUIT_BREAKER_OVERFLOW);
        assertAbsent(classify(Scenarios.rolloutExiting143()), Cause.CIRCUIT_BREAKER_OVERFLOW);
    }
}

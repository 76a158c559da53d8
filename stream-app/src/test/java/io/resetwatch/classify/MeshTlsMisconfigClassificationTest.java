package io.resetwatch.classify;

import static io.resetwatch.classify.ClassificationAssertions.assertAbsent;
import static io.resetwatch.classify.ClassificationAssertions.assertTop;
import static io.resetwatch.classify.ClassificationAssertions.classify;
import static io.resetwatch.classify.ClassificationAssertions.evidenceText;
import static io.resetwatch.classify.PodBuilder.pod;
import static io.resetwatch.classify.Scenarios.POD_A;
import static io.resetwatch.classify.WindowEvidenceBuilder.window;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MeshTlsMisconfigClassificationTest {

    @Test
    void shouldClassifyCertificateVerificationFailuresAsMeshTlsMisconfiguration() {
        Classification c = classify(Scenarios.certificateVerifyFailed());

        assertTop(c, Cause.MESH_TLS_MISCONFIG);
        assertThat(c.top().confidence()).isGreaterThan(0.8);
        assertThat(evidenceText(c.top())).contains("100 TLS handshake failures").contains("CERTIFICATE_VERIFY_FAILED");
        assertThat(c.top().remediation()).contains("caCertificates");
    }

    @Test
    void shouldNameTlsOriginationTowardsAPlaintextPort() {
        Classification c = classify(window().outbound().pods(pod(POD_A).requests(40).resets(40, "UF"))
                .transportFailure("TLS_error:|268435703:SSL_routines:OPENSSL_internal:WRONG_VERSION_NUMBER:TLS_error_end", 40));

        assertTop(c, Cause.MESH_TLS_MISCONFIG);
        assertThat(c.top().remediation()).contains("plaintext").contains("trafficPolicy.tls");
    }

    @Test
    void shouldRecognizeTheOldTlsErrorFormat() {
        Classification c = classify(window().outbound().pods(pod(POD_A).requests(40).resets(40, "UF"))
                .resetReason("connection_failure,TLS_error:_268435581:SSL_routines:OPENSSL_internal:CERTIFICATE_VERIFY_FAILED", 40));

        assertTop(c, Cause.MESH_TLS_MISCONFIG);
    }

    @Test
    void shouldClassifyPlaintextToAStrictPortThroughPassthroughCluster() {
        Classification c = classify(window().outbound().upstreamCluster("PassthroughCluster")
                .pods(pod(POD_A).requests(30).resets(30, "UC"))
                .resetReason("connection_termination", 30));

        assertTop(c, Cause.MESH_TLS_MISCONFIG);
        assertThat(c.top().remediation()).contains("PeerAuthentication mtls.mode");
    }

    @Test
    void shouldClassifyFilterChainNotFoundAsMeshTlsMisconfiguration() {
        Classification c = classify(window().pods(pod(POD_A).requests(30).resets(30, "NR"))
                .resetReason("filter_chain_not_found", 30));

        assertTop(c, Cause.MESH_TLS_MISCONFIG);
        assertThat(evidenceText(c.top())).contains("STRICT mTLS");
    }

    @Test
    void shouldBeMoreConfidentWhenNearlyEveryRequestFails() {
        double all = classify(window().outbound().pods(pod(POD_A).requests(40).resets(40, "UF"))
                .transportFailure("TLS_error:|268435581:CERTIFICATE_VERIFY_FAILED:TLS_error_end", 40)).top().confidence();
        double few = classify(window().outbound().pods(pod(POD_A).requests(2000).resets(40, "UF"))
                .transportFailure("TLS_error:|268435581:CERTIFICATE_VERIFY_FAILED:TLS_error_end", 40)).top().confidence();

        assertThat(few).isLessThan(all);
    }

    @Test
    void shouldNotSuspectTlsWithoutATlsReason() {
        assertAbsent(classify(Scenarios.keepaliveRace()), Cause.MESH_TLS_MISCONFIG);
        assertAbsent(classify(Scenarios.nodeGoesNotReady()), Cause.MESH_TLS_MISCONFIG);
    }
}

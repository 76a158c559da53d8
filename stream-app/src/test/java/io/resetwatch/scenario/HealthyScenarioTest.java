package io.resetwatch.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A healthy mesh with everyday lifecycle noise and a graceful rollout fires nothing. */
class HealthyScenarioTest {

    @Test
    void shouldStayQuietOnAHealthyMeshWithLifecycleNoiseAndAGracefulRollout() {
        Scenarios.Mesh mesh = new Scenarios.Mesh();

        assertThat(Scenarios.alertsOf(mesh)).isEmpty();
        assertThat(mesh.sim.failedRequests()).isZero();
        System.out.println("SCENARIO healthy mesh: no alert over " + mesh.sim.requests() + " requests");
    }
}

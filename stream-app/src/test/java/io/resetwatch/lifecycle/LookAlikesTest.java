package io.resetwatch.lifecycle;

import static io.resetwatch.lifecycle.PodJson.pod;
import static io.resetwatch.lifecycle.PodJson.running;
import static io.resetwatch.lifecycle.PodJson.termination;
import static org.assertj.core.api.Assertions.assertThat;

import io.resetwatch.lifecycle.LifecycleOutcome.Facts;
import io.resetwatch.model.FactScope;
import io.resetwatch.model.FactType;
import io.resetwatch.model.LifecycleFact;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Records that look alike but mean different things for a reset's cause (DOMAIN §8). */
class LookAlikesTest {

    private static final long TS = Instant.parse("2024-11-20T10:00:30Z").toEpochMilli();

    private final LifecycleParser parser = new LifecycleParser();

    @Test
    void shouldNotTakeAReadinessFailureForALivenessKill() {
        LifecycleFact fact = single(EventJson.warning("Unhealthy", "Readiness probe failed: HTTP probe failed with statuscode: 503"));

        assertThat(fact.type()).isEqualTo(FactType.READINESS_PROBE_FAILED);
    }

    @Test
    void shouldReadALivenessFailureAloneAsAFailureNotAKill() {
        LifecycleFact fact = single(EventJson.warning("Unhealthy",
                "Liveness probe failed: Get \"http://10.244.54.71:18051/healthcheck\": context deadline exceeded"));

        assertThat(fact.type()).isEqualTo(FactType.LIVENESS_PROBE_FAILED);
    }

    @Test
    void shouldReadTheKillingAfterAFailedLivenessProbeAsALivenessKill() {
        LifecycleFact fact = single(EventJson.normal("Killing", "Container web failed liveness probe, will be restarted"));

        assertThat(fact.type()).isEqualTo(FactType.LIVENESS_KILL);
        assertThat(fact.container()).isEqualTo("web");
    }

    @Test
    void shouldReadAPlainStopAsPodDeletionNotARestart() {
        LifecycleFact fact = single(EventJson.normal("Killing", "Stopping container web"));

        assertThat(fact.type()).isEqualTo(FactType.CONTAINER_STOPPING);
    }

    @Test
    void shouldNotCallExit137WithoutOomKilledAnOom() {
        List<LifecycleFact> facts = podFacts(termination("Error", 137, "2024-11-20T10:00:01Z", "a1"));

        assertThat(facts).extracting(LifecycleFact::type).contains(FactType.CONTAINER_TERMINATED)
                .doesNotContain(FactType.CONTAINER_OOM_KILLED);
    }

    @Test
    void shouldCallOomKilledAnOomWhateverTheExitCode() {
        for (int exitCode : new int[] {0, 1, 137}) {
            List<LifecycleFact> facts = podFacts(termination("OOMKilled", exitCode, "2024-11-20T10:00:01Z", "b" + exitCode));

            LifecycleFact oom = LifecycleCorpusTest.only(facts, FactType.CONTAINER_OOM_KILLED);
            assertThat(oom.exitCode()).isEqualTo(exitCode);
            assertThat(facts).extracting(LifecycleFact::type).doesNotContain(FactType.CONTAINER_TERMINATED);
        }
    }

    @Test
    void shouldKeyAKubeletSystemOomByItsNodeWithTheVictimProcess() {
        LifecycleFact fact = single(EventJson.warning("SystemOOM", "System OOM encountered, victim process: java, pid: 4242")
                .onNode("node-a").set("reportingComponent", "kubelet"));

        assertThat(fact.type()).isEqualTo(FactType.NODE_OOM);
        assertThat(fact.scope()).isEqualTo(FactScope.NODE);
        assertThat(fact.node()).isEqualTo("node-a");
        assertThat(fact.subjectKey()).isEqualTo("node:node-a");
        assertThat(fact.container()).isEqualTo("java");
        assertThat(fact.podUid()).isNull();
    }

    @Test
    void shouldKeyANodeProblemDetectorOomKillByItsNodeWithTheVictimProcess() {
        LifecycleFact fact = single(EventJson.warning("OOMKilling",
                        "Memory cgroup out of memory: Killed process 646104 (memory-consumer) total-vm:84028kB, anon-rss:81972kB, file-rss:1576kB")
                .onNode("node-b"));

        assertThat(fact.type()).isEqualTo(FactType.NODE_OOM);
        assertThat(fact.subjectKey()).isEqualTo("node:node-b");
        assertThat(fact.container()).isEqualTo("memory-consumer");
    }

    @Test
    void shouldKeyANodeNotReadyOnTheNodeByTheNode() {
        LifecycleFact fact = single(EventJson.normal("NodeNotReady", "Node node-c status is now: NodeNotReady").onNode("node-c"));

        assertThat(fact.type()).isEqualTo(FactType.NODE_NOT_READY);
        assertThat(fact.subjectKey()).isEqualTo("node:node-c");
    }

    @Test
    void shouldKeyANodeNotReadyOnAPodByThePod() {
        LifecycleFact fact = single(EventJson.warning("NodeNotReady", "Node is not ready"));

        assertThat(fact.subjectKey()).isEqualTo("pod:" + EventJson.POD_UID);
    }

    @Test
    void shouldNotMistakeAnImagePullBackOffForACrashLoop() {
        LifecycleOutcome outcome = parser.parse(EventJson.normal("BackOff", "Back-off pulling image \"nginx:1.27\"").bytes(), TS);

        assertThat(outcome).isInstanceOf(LifecycleOutcome.Skipped.class);
    }

    @Test
    void shouldReadACrashBackOffEventWithItsContainer() {
        LifecycleFact fact = single(EventJson.warning("BackOff", "Back-off restarting failed container web in pod web-1_shop(" + EventJson.POD_UID + ")"));

        assertThat(fact.type()).isEqualTo(FactType.BACK_OFF);
        assertThat(fact.container()).isEqualTo("web");
    }

    private LifecycleFact single(EventJson event) {
        LifecycleOutcome outcome = parser.parse(event.bytes(), TS);
        assertThat(outcome).isInstanceOf(Facts.class);
        List<LifecycleFact> facts = ((Facts) outcome).facts();
        assertThat(facts).hasSize(1);
        return facts.get(0);
    }

    private List<LifecycleFact> podFacts(com.fasterxml.jackson.databind.node.ObjectNode lastTerminated) {
        byte[] json = pod().ip("10.244.1.17").container("web", 1, running("2024-11-20T10:00:03Z"), lastTerminated).bytes();
        return LifecycleParser.facts(parser.parse(json, TS), null, TS);
    }
}

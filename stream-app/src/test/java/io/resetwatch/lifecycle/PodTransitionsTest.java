package io.resetwatch.lifecycle;

import static io.resetwatch.lifecycle.PodJson.pod;
import static io.resetwatch.lifecycle.PodJson.running;
import static io.resetwatch.lifecycle.PodJson.termination;
import static io.resetwatch.lifecycle.PodJson.terminated;
import static io.resetwatch.lifecycle.PodJson.waiting;
import static org.assertj.core.api.Assertions.assertThat;

import io.resetwatch.lifecycle.LifecycleOutcome.PodObserved;
import io.resetwatch.model.FactScope;
import io.resetwatch.model.FactType;
import io.resetwatch.model.LifecycleFact;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What changed between two states of the same pod, and when (CONTRACTS §2). */
class PodTransitionsTest {

    private static final Instant T0 = Instant.parse("2024-11-20T10:00:00Z");
    private static final String IP = "10.244.1.17";

    private final LifecycleParser parser = new LifecycleParser();

    @Test
    void shouldAssignTheIpOnFirstSightAtSandboxReadyTime() {
        PodSnapshot first = observe(pod().ip(IP).condition("PodReadyToStartContainers", "True", null, "2024-11-20T09:00:02Z")
                .container("web", 0, running("2024-11-20T09:00:05Z"), null).watch("ADDED"), T0);

        List<LifecycleFact> facts = PodTransitions.between(null, first, ms(T0));

        assertThat(facts).extracting(LifecycleFact::type).containsExactly(FactType.IP_ASSIGNED);
        LifecycleFact assigned = facts.get(0);
        assertThat(assigned.podIp()).isEqualTo(IP);
        assertThat(assigned.time()).isEqualTo(Instant.parse("2024-11-20T09:00:02Z"));
        assertThat(assigned.scope()).isEqualTo(FactScope.POD);
        assertThat(assigned.subjectKey()).isEqualTo("pod:0b8e5c1e-4f7a-4d0e-9a57-3c1f6f1d2a10");
        assertThat(assigned.node()).isEqualTo("node-a");
        assertThat(assigned.ownerKind()).isEqualTo("ReplicaSet");
        assertThat(assigned.ownerName()).isEqualTo("web-7d9f8c6b5");
        assertThat(assigned.labels()).isEqualTo(Map.of("app", "web", "pod-template-hash", "7d9f8c6b5"));
        assertThat(assigned.source()).isEqualTo("pod-watch");
    }

    @Test
    void shouldReportANewTerminationExactlyOnce() {
        PodSnapshot up = observe(pod().ip(IP).container("web", 0, running("2024-11-20T09:00:05Z"), null).watch("ADDED"), T0);
        byte[] restartedJson = pod().ip(IP).container("web", 1, running("2024-11-20T10:00:03Z"),
                termination("OOMKilled", 137, "2024-11-20T10:00:01Z", "aaa111")).watch("MODIFIED");
        PodSnapshot restarted = observe(restartedJson, T0.plusSeconds(5));
        PodSnapshot sameAgain = observe(restartedJson, T0.plusSeconds(15));

        assertThat(PodTransitions.between(null, up, ms(T0))).extracting(LifecycleFact::type).containsExactly(FactType.IP_ASSIGNED);
        List<LifecycleFact> change = PodTransitions.between(up, restarted, ms(T0.plusSeconds(5)));
        assertThat(PodTransitions.between(restarted, sameAgain, ms(T0.plusSeconds(15)))).isEmpty();

        assertThat(change).hasSize(1);
        LifecycleFact oom = change.get(0);
        assertThat(oom.type()).isEqualTo(FactType.CONTAINER_OOM_KILLED);
        assertThat(oom.time()).isEqualTo(Instant.parse("2024-11-20T10:00:01Z"));
        assertThat(oom.exitCode()).isEqualTo(137);
        assertThat(oom.restartCount()).isEqualTo(1);
        assertThat(oom.memoryLimit()).isEqualTo("256Mi");
        assertThat(oom.container()).isEqualTo("web");
    }

    @Test
    void shouldNotRepeatATerminationWhenItMovesFromStateToLastState() {
        PodSnapshot ended = observe(pod().ip(IP).container("web", 0, terminated("Error", 1, "2024-11-20T10:00:01Z", "bbb222"), null)
                .watch("MODIFIED"), T0);
        PodSnapshot restarted = observe(pod().ip(IP).container("web", 1, running("2024-11-20T10:00:11Z"),
                termination("Error", 1, "2024-11-20T10:00:01Z", "bbb222")).watch("MODIFIED"), T0.plusSeconds(11));

        assertThat(PodTransitions.between(ended, restarted, ms(T0.plusSeconds(11)))).isEmpty();
    }

    @Test
    void shouldReportACrashLoopEachTimeItWaitsAgain() {
        PodSnapshot waiting1 = observe(pod().ip(IP).container("web", 3, waiting("CrashLoopBackOff", "back-off 40s"),
                termination("Error", 1, "2024-11-20T10:00:01Z", "c3")).watch("MODIFIED"), T0);
        PodSnapshot waiting2 = observe(pod().ip(IP).container("web", 4, waiting("CrashLoopBackOff", "back-off 80s"),
                termination("Error", 1, "2024-11-20T10:00:50Z", "c4")).watch("MODIFIED"), T0.plusSeconds(60));

        assertThat(PodTransitions.between(waiting1, waiting2, ms(T0.plusSeconds(60))))
                .extracting(LifecycleFact::type).containsExactly(FactType.CONTAINER_TERMINATED, FactType.BACK_OFF);
        assertThat(PodTransitions.between(waiting2, waiting2, ms(T0.plusSeconds(70)))).isEmpty();
    }

    @Test
    void shouldDateADeletionRequestAtTheDeadlineMinusTheGracePeriod() {
        PodSnapshot running = observe(pod().ip(IP).container("web", 0, running("2024-11-20T09:00:05Z"), null).watch("ADDED"), T0);
        PodSnapshot deleting = observe(pod().ip(IP).deletion("2024-11-20T10:00:40Z", 30)
                .container("web", 0, running("2024-11-20T09:00:05Z"), null).watch("MODIFIED"), T0.plusSeconds(11));

        List<LifecycleFact> facts = PodTransitions.between(running, deleting, ms(T0.plusSeconds(11)));

        assertThat(facts).extracting(LifecycleFact::type).containsExactly(FactType.POD_DELETING);
        assertThat(facts.get(0).time()).isEqualTo(Instant.parse("2024-11-20T10:00:10Z"));
        assertThat(facts.get(0).gracePeriodSeconds()).isEqualTo(30);
        assertThat(PodTransitions.between(deleting, deleting, ms(T0.plusSeconds(20)))).isEmpty();
    }

    @Test
    void shouldReportAShortenedGracePeriodAsANewDeletionRequest() {
        PodSnapshot deleting = observe(pod().ip(IP).deletion("2024-11-20T10:00:40Z", 30).watch("MODIFIED"), T0);
        PodSnapshot forced = observe(pod().ip(IP).deletion("2024-11-20T10:00:20Z", 0).watch("MODIFIED"), T0.plusSeconds(20));

        List<LifecycleFact> facts = PodTransitions.between(deleting, forced, ms(T0.plusSeconds(20)));

        assertThat(facts).extracting(LifecycleFact::type).containsExactly(FactType.POD_DELETING);
        assertThat(facts.get(0).gracePeriodSeconds()).isZero();
        assertThat(facts.get(0).time()).isEqualTo(Instant.parse("2024-11-20T10:00:20Z"));
    }

    @Test
    void shouldDeleteAndReleaseTheIpAtRecordTimeWhenThePodIsGone() {
        PodSnapshot deleting = observe(pod().ip(IP).deletion("2024-11-20T10:00:40Z", 30).watch("MODIFIED"), T0);
        Instant gone = T0.plusSeconds(33);
        PodSnapshot deleted = observe(pod().ip(IP).deletion("2024-11-20T10:00:40Z", 30).watch("DELETED"), gone);

        List<LifecycleFact> facts = PodTransitions.between(deleting, deleted, ms(gone));

        assertThat(facts).extracting(LifecycleFact::type).containsExactly(FactType.POD_DELETED, FactType.IP_RELEASED);
        assertThat(facts).allSatisfy(f -> assertThat(f.time()).isEqualTo(gone));
        assertThat(facts.get(1).podIp()).isEqualTo(IP);
    }

    @Test
    void shouldReportAnEvictionAndReleaseTheIpWhenThePhaseFails() {
        PodSnapshot running = observe(pod().ip(IP).container("web", 0, running("2024-11-20T09:00:05Z"), null).watch("ADDED"), T0);
        PodSnapshot evicted = observe(pod().ip(IP)
                .phase("Failed", "Evicted", "The node was low on resource: memory. Threshold quantity: 750Mi, available: 179968Ki. ")
                .condition("DisruptionTarget", "True", "TerminationByKubelet", "2024-11-20T10:00:30Z")
                .container("web", 0, terminated("Error", 137, "2024-11-20T10:00:45Z", "ddd444"), null).watch("MODIFIED"),
                T0.plusSeconds(50));

        List<LifecycleFact> facts = PodTransitions.between(running, evicted, ms(T0.plusSeconds(50)));

        assertThat(facts).extracting(LifecycleFact::type).containsExactly(FactType.CONTAINER_TERMINATED,
                FactType.DISRUPTION_TARGET, FactType.EVICTED, FactType.IP_RELEASED);
        LifecycleFact eviction = LifecycleCorpusTest.only(facts, FactType.EVICTED);
        assertThat(eviction.reason()).isEqualTo("Evicted");
        assertThat(eviction.message()).startsWith("The node was low on resource: memory.");
        assertThat(eviction.time()).isEqualTo(Instant.parse("2024-11-20T10:00:30Z"));
        assertThat(LifecycleCorpusTest.only(facts, FactType.DISRUPTION_TARGET).reason()).isEqualTo("TerminationByKubelet");
        assertThat(LifecycleCorpusTest.only(facts, FactType.IP_RELEASED).time()).isEqualTo(Instant.parse("2024-11-20T10:00:45Z"));
    }

    @Test
    void shouldReleaseTheOldIpWhenThePodGetsANewOne() {
        PodSnapshot before = observe(pod().ip(IP).watch("MODIFIED"), T0);
        PodSnapshot after = observe(pod().ip("10.244.1.99").watch("MODIFIED"), T0.plusSeconds(5));

        List<LifecycleFact> facts = PodTransitions.between(before, after, ms(T0.plusSeconds(5)));

        assertThat(facts).extracting(LifecycleFact::type, LifecycleFact::podIp).containsExactly(
                org.assertj.core.groups.Tuple.tuple(FactType.IP_ASSIGNED, "10.244.1.99"),
                org.assertj.core.groups.Tuple.tuple(FactType.IP_RELEASED, IP));
    }

    @Test
    void shouldReportBothEndsOfTheIpForAPodFirstSeenDeleted() {
        PodSnapshot deleted = observe(pod().ip(IP).watch("DELETED"), T0);

        assertThat(PodTransitions.between(null, deleted, ms(T0))).extracting(LifecycleFact::type)
                .containsExactly(FactType.IP_ASSIGNED, FactType.POD_DELETED, FactType.IP_RELEASED);
    }

    @Test
    void shouldKeepSidecarTerminationsNamedByContainer() {
        PodSnapshot first = observe(pod().ip(IP).container("web", 0, running("2024-11-20T09:00:05Z"), null)
                .container("istio-proxy", 1, running("2024-11-20T09:30:00Z"),
                        termination("Error", 137, "2024-11-20T09:29:58Z", "eee555")).watch("ADDED"), T0);

        LifecycleFact sidecar = LifecycleCorpusTest.only(PodTransitions.between(null, first, ms(T0)), FactType.CONTAINER_TERMINATED);

        assertThat(sidecar.container()).isEqualTo("istio-proxy");
    }

    @Test
    void shouldGiveNoIpFactsForHostNetworkPods() {
        var json = pod().ip("192.168.0.10").object();
        ((com.fasterxml.jackson.databind.node.ObjectNode) json.get("spec")).put("hostNetwork", true);
        PodSnapshot hostNetwork = ((PodObserved) parser.parse(json.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8), ms(T0))).snapshot();

        assertThat(PodTransitions.between(null, hostNetwork, ms(T0))).isEmpty();
    }

    @Test
    void shouldBeDeterministic() {
        PodSnapshot pod = observe(pod().ip(IP).deletion("2024-11-20T10:00:40Z", 30)
                .container("web", 2, running("2024-11-20T09:50:00Z"), termination("OOMKilled", 0, "2024-11-20T09:49:58Z", "fff"))
                .watch("MODIFIED"), T0);

        assertThat(PodTransitions.between(null, pod, ms(T0))).isEqualTo(PodTransitions.between(null, pod, ms(T0)));
    }

    private PodSnapshot observe(byte[] json, Instant recordTime) {
        LifecycleOutcome outcome = parser.parse(json, ms(recordTime));
        assertThat(outcome).isInstanceOf(PodObserved.class);
        return ((PodObserved) outcome).snapshot();
    }

    private static long ms(Instant instant) {
        return instant.toEpochMilli();
    }
}

package io.resetwatch.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.resetwatch.lifecycle.LifecycleOutcome.Facts;
import io.resetwatch.lifecycle.LifecycleOutcome.PodObserved;
import io.resetwatch.model.FactScope;
import io.resetwatch.model.FactType;
import io.resetwatch.model.LifecycleFact;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every public pod-lifecycle record in the corpus parses, and the facts carry the right evidence. */
class LifecycleCorpusTest {

    /** The record timestamp every corpus record is given; is-healthy "@now-…" placeholders resolve against it. */
    static final Instant RECORD_TIME = Instant.parse("2024-11-20T10:00:00Z");
    static final long TS = RECORD_TIME.toEpochMilli();

    private final LifecycleParser parser = new LifecycleParser();

    @Test
    void shouldParseEveryCorpusRecordIntoFactsOrAPod() {
        List<JsonNode> records = Corpus.lines("pod-events/real-events.jsonl");
        assertThat(records).hasSize(10);
        for (JsonNode record : records) {
            LifecycleOutcome outcome = parser.parse(Corpus.value(record), TS);
            assertThat(outcome).as(record.get("id").asText()).isInstanceOfAny(Facts.class, PodObserved.class);
            assertThat(factsOf(outcome)).as(record.get("id").asText()).isNotEmpty();
        }
    }

    @Test
    void shouldDetectTheFormatOfEachCorpusKind() {
        assertThat(outcome("exporter-pr144-killing-scale-down").format()).isEqualTo("exporter-event");
        assertThat(outcome("exporter-issue25-unhealthy-readiness").format()).isEqualTo("exporter-event");
        assertThat(outcome("dump-successfuldelete").format()).isEqualTo("core-v1-event");
        assertThat(outcome("dump-unhealthy-readiness-aggregated").format()).isEqualTo("core-v1-event");
        assertThat(outcome("is-healthy-oomkilled-status").format()).isEqualTo("pod");
        assertThat(outcome("is-healthy-crashloopbackoff-container-status").format()).isEqualTo("pod");
    }

    @Test
    void shouldKeyTheExporterKillingByThePodNotByTheEvent() {
        LifecycleFact fact = single("exporter-pr144-killing-scale-down");

        assertThat(fact.type()).isEqualTo(FactType.CONTAINER_STOPPING);
        assertThat(fact.scope()).isEqualTo(FactScope.POD);
        assertThat(fact.podUid()).isEqualTo("968ca75e-681c-4f76-8ddd-61ddc2667afc");
        assertThat(fact.subjectKey()).isEqualTo("pod:968ca75e-681c-4f76-8ddd-61ddc2667afc");
        assertThat(fact.podName()).isEqualTo("coredns-5dd5756b68-wnj8t");
        assertThat(fact.namespace()).isEqualTo("kube-system");
        assertThat(fact.container()).isEqualTo("coredns");
        assertThat(fact.k8sCluster()).isEqualTo("my-super-local-cluster");
        assertThat(fact.node()).isEqualTo("kind-control-plane");
        assertThat(fact.ownerKind()).isEqualTo("ReplicaSet");
        assertThat(fact.ownerName()).isEqualTo("coredns-5dd5756b68");
        assertThat(fact.labels()).isEqualTo(Map.of("k8s-app", "kube-dns", "pod-template-hash", "5dd5756b68"));
        assertThat(fact.reason()).isEqualTo("Killing");
        assertThat(fact.message()).isEqualTo("Stopping container coredns");
        assertThat(fact.time()).isEqualTo(Instant.parse("2023-11-17T19:37:03Z"));
        assertThat(fact.count()).isEqualTo(1);
        assertThat(fact.source()).isEqualTo("exporter-event");
    }

    @Test
    void shouldKeepOnlyWorkloadLabelsFromTheExporterEnrichment() {
        LifecycleFact fact = single("exporter-issue25-unhealthy-readiness");

        assertThat(fact.type()).isEqualTo(FactType.READINESS_PROBE_FAILED);
        assertThat(fact.labels()).isEqualTo(Map.of("app", "basketball-live-api", "pod-template-hash", "54989875d7"));
        assertThat(fact.k8sCluster()).isNull();
        assertThat(fact.count()).isEqualTo(4);
        assertThat(fact.firstTime()).isEqualTo(Instant.parse("2022-03-03T04:09:23Z"));
        assertThat(fact.lastTime()).isEqualTo(Instant.parse("2022-03-03T04:10:08Z"));
    }

    @Test
    void shouldMakeSuccessfulDeleteAnOwnerFactNamingThePod() {
        LifecycleFact fact = single("dump-successfuldelete");

        assertThat(fact.type()).isEqualTo(FactType.POD_DELETED_BY_OWNER);
        assertThat(fact.scope()).isEqualTo(FactScope.OWNER);
        assertThat(fact.ownerKind()).isEqualTo("ReplicaSet");
        assertThat(fact.ownerName()).isEqualTo("coredns-6f6b679f8f");
        assertThat(fact.podName()).isEqualTo("coredns-6f6b679f8f-5m7kq");
        assertThat(fact.podUid()).isNull();
        assertThat(fact.subjectKey()).isEqualTo("owner:kube-system/ReplicaSet/coredns-6f6b679f8f");
        assertThat(fact.time()).isEqualTo(Instant.parse("2024-11-17T10:19:43Z"));
    }

    @Test
    void shouldKeyTheScaleDownByTheReplicaSetItsPodsName() {
        LifecycleFact fact = single("dump-scalingreplicaset-scaled-down");

        assertThat(fact.type()).isEqualTo(FactType.SCALED_DOWN);
        assertThat(fact.scope()).isEqualTo(FactScope.OWNER);
        assertThat(fact.subjectKey()).isEqualTo("owner:kube-system/ReplicaSet/coredns-6f6b679f8f");
        assertThat(fact.message()).isEqualTo("Scaled down replica set coredns-6f6b679f8f to 1 from 2");
    }

    @Test
    void shouldReadTheScaleDownSequenceKillingAndReadinessOnTheSamePod() {
        LifecycleFact killing = single("dump-killing-stopping-container");
        LifecycleFact readiness = single("dump-unhealthy-readiness-during-drain");

        assertThat(killing.type()).isEqualTo(FactType.CONTAINER_STOPPING);
        assertThat(readiness.type()).isEqualTo(FactType.READINESS_PROBE_FAILED);
        assertThat(killing.subjectKey()).isEqualTo(readiness.subjectKey()).isEqualTo("pod:039e0c2f-3dbe-4622-ae3f-ce05113b939e");
        assertThat(killing.node()).isEqualTo("minikube");
        assertThat(readiness.container()).isEqualTo("coredns");
    }

    @Test
    void shouldCoverTheIntervalOfAnAggregatedReadinessEvent() {
        LifecycleFact fact = single("dump-unhealthy-readiness-aggregated");

        assertThat(fact.type()).isEqualTo(FactType.READINESS_PROBE_FAILED);
        assertThat(fact.count()).isEqualTo(4);
        assertThat(fact.firstTime()).isEqualTo(Instant.parse("2024-11-17T10:19:52Z"));
        assertThat(fact.lastTime()).isEqualTo(Instant.parse("2024-11-17T10:20:12Z"));
        assertThat(fact.time()).isEqualTo(fact.lastTime());
    }

    @Test
    void shouldReportOomKilledWithExitOneAsAnOomKill() {
        List<LifecycleFact> facts = facts("is-healthy-oomkilled-status");

        LifecycleFact oom = only(facts, FactType.CONTAINER_OOM_KILLED);
        assertThat(oom.container()).isEqualTo("oomkilled");
        assertThat(oom.exitCode()).isEqualTo(1);
        assertThat(oom.restartCount()).isEqualTo(9);
        assertThat(oom.reason()).isEqualTo("OOMKilled");
        assertThat(oom.message()).isEqualTo("system has run out of memory");
        assertThat(oom.time()).isEqualTo(RECORD_TIME.minusSeconds(2 * 3600)); // "@now-2h"
        assertThat(only(facts, FactType.IP_ASSIGNED).podIp()).isEqualTo("10.192.17.29");
        assertThat(facts).extracting(LifecycleFact::type).doesNotContain(FactType.CONTAINER_TERMINATED);
    }

    @Test
    void shouldReportATerminatingPodKilledWith137AsTerminationAndDeletion() {
        PodSnapshot pod = ((PodObserved) outcome("is-healthy-terminating-sigkilled")).snapshot();
        List<LifecycleFact> facts = PodTransitions.between(null, pod, TS);

        LifecycleFact terminated = only(facts, FactType.CONTAINER_TERMINATED);
        assertThat(terminated.exitCode()).isEqualTo(137);
        assertThat(terminated.reason()).isEqualTo("Error");
        assertThat(terminated.container()).isEqualTo("test-container");
        assertThat(terminated.restartCount()).isZero();
        assertThat(terminated.time()).isEqualTo(Instant.parse("2024-07-01T08:52:52Z"));
        LifecycleFact deleting = only(facts, FactType.POD_DELETING);
        assertThat(deleting.gracePeriodSeconds()).isZero();
        assertThat(deleting.time()).isEqualTo(RECORD_TIME.minusSeconds(300)); // "@now-5m" − 0 s
        assertThat(deleting.podUid()).isEqualTo("4bb10d70-5481-41e9-bf05-43b740bf6ffa");
        assertThat(deleting.podName()).isEqualTo("test-pod");
        assertThat(pod.terminationGracePeriodSeconds()).isEqualTo(30);
        assertThat(facts).extracting(LifecycleFact::type).doesNotContain(FactType.CONTAINER_OOM_KILLED);
    }

    @Test
    void shouldReportACrashLoopAsBackOffAndTheLastTermination() {
        List<LifecycleFact> facts = facts("is-healthy-crashloopbackoff-container-status");

        assertThat(facts).extracting(LifecycleFact::type)
                .containsExactly(FactType.CONTAINER_TERMINATED, FactType.BACK_OFF);
        LifecycleFact terminated = facts.get(0);
        assertThat(terminated.exitCode()).isEqualTo(1);
        assertThat(terminated.restartCount()).isEqualTo(3);
        assertThat(terminated.container()).isEqualTo("main");
        assertThat(terminated.time()).isEqualTo(Instant.parse("2018-12-02T09:20:25Z"));
        LifecycleFact backOff = facts.get(1);
        assertThat(backOff.reason()).isEqualTo("CrashLoopBackOff");
        assertThat(backOff.time()).isEqualTo(RECORD_TIME);
    }

    private LifecycleOutcome outcome(String id) {
        JsonNode record = Corpus.lines("pod-events/real-events.jsonl").stream()
                .filter(r -> r.get("id").asText().equals(id)).findFirst().orElseThrow();
        return parser.parse(Corpus.value(record), TS);
    }

    private List<LifecycleFact> facts(String id) {
        return factsOf(outcome(id));
    }

    private LifecycleFact single(String id) {
        List<LifecycleFact> facts = facts(id);
        assertThat(facts).hasSize(1);
        return facts.get(0);
    }

    static List<LifecycleFact> factsOf(LifecycleOutcome outcome) {
        return LifecycleParser.facts(outcome, null, TS);
    }

    static LifecycleFact only(List<LifecycleFact> facts, FactType type) {
        List<LifecycleFact> matching = facts.stream().filter(f -> f.type() == type).toList();
        assertThat(matching).as(type.name()).hasSize(1);
        return matching.get(0);
    }
}

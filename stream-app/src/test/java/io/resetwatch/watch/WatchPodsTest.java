package io.resetwatch.watch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.resetwatch.serde.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class WatchPodsTest {

    private static final String NAMESPACE = "shop";
    private static final String NAME = "checkout-7d9f8b6c5d-x2kqp";

    KubernetesClient client;

    private final List<Published> published = new CopyOnWriteArrayList<>();
    private SharedIndexInformer<Pod> informer;

    private record Published(String key, JsonNode value) {
        String type() {
            return value.get("type").asText();
        }

        JsonNode object() {
            return value.get("object");
        }
    }

    @AfterEach
    void stopInformer() {
        if (informer != null) {
            informer.stop();
        }
    }

    @Test
    void shouldPublishEveryChangeOfAPodInOrderKeyedByNamespaceAndName() {
        informer = PodWatcher.start(client, null, null, Duration.ZERO, this::collect);

        client.pods().inNamespace(NAMESPACE).resource(pod()).create();
        awaitPublished(1);
        client.pods().inNamespace(NAMESPACE).withName(NAME).editStatus(p -> new PodBuilder(p)
                .editStatus().withPodIP("10.0.3.17").endStatus().build());
        awaitPublished(2);
        client.pods().inNamespace(NAMESPACE).withName(NAME).editStatus(p -> new PodBuilder(p)
                .editStatus().withContainerStatuses(new ContainerStatusBuilder()
                        .withName("app").withRestartCount(1)
                        .withNewLastState().withNewTerminated()
                        .withReason("OOMKilled").withExitCode(137)
                        .withFinishedAt("2025-03-04T10:15:30Z").endTerminated().endLastState()
                        .build()).endStatus().build());
        awaitPublished(3);
        client.pods().inNamespace(NAMESPACE).withName(NAME).delete();
        awaitPublished(4);

        assertThat(published).extracting(Published::type).containsExactly("ADDED", "MODIFIED", "MODIFIED", "DELETED");
        assertThat(published).extracting(Published::key).containsOnly("shop/" + NAME);
        assertThat(published.get(0).object().path("status").has("podIP")).isFalse();
        assertThat(published.get(1).object().get("status").get("podIP").asText()).isEqualTo("10.0.3.17");
        JsonNode container = published.get(2).object().get("status").get("containerStatuses").get(0);
        assertThat(container.get("restartCount").asInt()).isEqualTo(1);
        assertThat(container.get("lastState").get("terminated").get("reason").asText()).isEqualTo("OOMKilled");
        assertThat(container.get("lastState").get("terminated").get("exitCode").asInt()).isEqualTo(137);
        assertThat(published).allSatisfy(p -> {
            assertThat(p.object().get("apiVersion").asText()).isEqualTo("v1");
            assertThat(p.object().get("kind").asText()).isEqualTo("Pod");
            assertThat(p.object().get("metadata").has("managedFields")).isFalse();
        });
    }

    @Test
    void shouldDropAnnotationsOutsideTheAllowListAndContainerEnvironment() {
        informer = PodWatcher.start(client, NAMESPACE, "app=checkout", Duration.ZERO, this::collect);

        client.pods().inNamespace(NAMESPACE).resource(pod()).create();
        awaitPublished(1);

        JsonNode metadata = published.get(0).object().get("metadata");
        assertThat(metadata.get("annotations").properties()).extracting(Map.Entry::getKey)
                .containsExactly("kubectl.kubernetes.io/restartedAt");
        JsonNode container = published.get(0).object().get("spec").get("containers").get(0);
        assertThat(container.has("env")).isFalse();
        assertThat(container.has("args")).isFalse();
        assertThat(container.get("resources").get("limits").get("memory").asText()).isEqualTo("200Mi");
    }

    @Test
    void shouldOnlyWatchPodsMatchingTheNamespaceAndLabelSelector() {
        informer = PodWatcher.start(client, NAMESPACE, "app=checkout", Duration.ZERO, this::collect);

        client.pods().inNamespace("other").resource(pod()).create();
        client.pods().inNamespace(NAMESPACE).resource(new PodBuilder(pod()).editMetadata().withName("cart-1")
                .withLabels(Map.of("app", "cart")).endMetadata().build()).create();
        client.pods().inNamespace(NAMESPACE).resource(pod()).create();
        awaitPublished(1);

        assertThat(published).extracting(Published::key).containsExactly("shop/" + NAME);
    }

    private static Pod pod() {
        return new PodBuilder()
                .withNewMetadata().withName(NAME).withNamespace(NAMESPACE)
                .withLabels(Map.of("app", "checkout", "pod-template-hash", "7d9f8b6c5d"))
                .withAnnotations(Map.of(
                        "kubectl.kubernetes.io/last-applied-configuration", "{\"env\":[{\"value\":\"s3cret\"}]}",
                        "kubectl.kubernetes.io/restartedAt", "2025-03-04T10:00:00Z"))
                .withManagedFields(new ManagedFieldsEntryBuilder().withManager("kubectl").withOperation("Update")
                        .build())
                .endMetadata()
                .withNewSpec().withNodeName("node-a")
                .addNewContainer().withName("app").withImage("shop/checkout:1.4")
                .addNewEnv().withName("DB_PASSWORD").withValue("s3cret").endEnv()
                .withArgs("--token=s3cret")
                .withNewResources().addToLimits("memory", new io.fabric8.kubernetes.api.model.Quantity("200Mi"))
                .endResources()
                .endContainer().endSpec()
                .build();
    }

    private void collect(String key, String value) {
        try {
            published.add(new Published(key, Json.mapper().readTree(value)));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void awaitPublished(int count) {
        Instant deadline = Instant.now().plusSeconds(10);
        while (published.size() < count && Instant.now().isBefore(deadline)) {
            Thread.onSpinWait();
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        assertThat(published).as("published events").hasSizeGreaterThanOrEqualTo(count);
    }
}

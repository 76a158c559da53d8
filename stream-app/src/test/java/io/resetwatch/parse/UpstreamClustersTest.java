package io.resetwatch.parse;

import io.resetwatch.model.Direction;
import io.resetwatch.model.UpstreamCluster;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Cluster names as Istio builds them (DOMAIN §4). */
class UpstreamClustersTest {

    @Test
    void shouldReadTheSniFormWithAnEmptySubset() {
        UpstreamCluster c = UpstreamClusters.parse("outbound_.8000_._.httpbin.foo.svc.cluster.local");

        assertThat(c.direction()).isEqualTo(Direction.OUTBOUND);
        assertThat(c.port()).isEqualTo(8000);
        assertThat(c.subset()).isNull();
        assertThat(c.host()).isEqualTo("httpbin.foo.svc.cluster.local");
        assertThat(c.service()).isEqualTo("httpbin");
        assertThat(c.namespace()).isEqualTo("foo");
    }

    @Test
    void shouldReadTheSniFormWithASubset() {
        UpstreamCluster c = UpstreamClusters.parse("outbound_.9080_.v1_.reviews.shop.svc.cluster.local");

        assertThat(c.subset()).isEqualTo("v1");
        assertThat(c.service()).isEqualTo("reviews");
    }

    @Test
    void shouldKeepAServiceEntryHostAsAnOpaqueService() {
        UpstreamCluster c = UpstreamClusters.parse("outbound|80||httpbin.org");

        assertThat(c.service()).isEqualTo("httpbin.org");
        assertThat(c.namespace()).isNull();
    }

    @Test
    void shouldReadTheOldInboundFormAndTheWaypointForm() {
        UpstreamCluster old = UpstreamClusters.parse("inbound|80|http|httpbin.default.svc.cluster.local");
        UpstreamCluster vip = UpstreamClusters.parse("inbound-vip|80|http|notification-service.ambient-authz.svc.cluster.local");

        assertThat(old.direction()).isEqualTo(Direction.INBOUND);
        assertThat(old.subset()).isEqualTo("http");
        assertThat(old.service()).isEqualTo("httpbin");
        assertThat(vip.direction()).isEqualTo(Direction.INBOUND_VIP);
        assertThat(vip.namespace()).isEqualTo("ambient-authz");
    }

    @Test
    void shouldRecogniseTheWellKnownClusters() {
        assertThat(UpstreamClusters.parse("PassthroughCluster").direction()).isEqualTo(Direction.PASSTHROUGH);
        assertThat(UpstreamClusters.parse("BlackHoleCluster").direction()).isEqualTo(Direction.BLACKHOLE);
        assertThat(UpstreamClusters.parse("InboundPassthroughCluster").direction())
                .isEqualTo(Direction.INBOUND_PASSTHROUGH);
        assertThat(UpstreamClusters.parse("InboundPassthroughClusterIpv6").direction())
                .isEqualTo(Direction.INBOUND_PASSTHROUGH);
        assertThat(UpstreamClusters.parse("local_cluster").direction()).isEqualTo(Direction.OTHER);
        assertThat(UpstreamClusters.parse("-")).isEqualTo(UpstreamCluster.NONE);
    }
}

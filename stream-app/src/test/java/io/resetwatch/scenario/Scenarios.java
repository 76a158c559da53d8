package io.resetwatch.scenario;

import io.resetwatch.config.Settings;
import io.resetwatch.demo.MeshSimulator;
import io.resetwatch.model.Alert;
import io.resetwatch.replay.Replay;
import io.resetwatch.replay.TopicDump;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Runs a simulated mesh through {@code replay} (the service's own topology) and returns the alerts. */
final class Scenarios {

    static final Instant T0 = Instant.parse("2026-03-04T10:00:00Z");

    private Scenarios() {
    }

    static Replay.Result replay(MeshSimulator mesh) {
        List<TopicDump.Line> access = new ArrayList<>();
        List<TopicDump.Line> pods = new ArrayList<>();
        int n = 0;
        for (MeshSimulator.Emitted e : mesh.records()) {
            TopicDump.Line line = new TopicDump.Line(++n, e.value().getBytes(StandardCharsets.UTF_8), e.timeMs());
            (e.accessLog() ? access : pods).add(line);
        }
        // Fixed wall clock close to the data: alerts are live, not catch-up.
        Clock clock = Clock.fixed(T0.plusSeconds(600), java.time.ZoneOffset.UTC);
        return new Replay(Settings.defaults(), clock).run(access, pods, a -> { });
    }

    static String describe(List<Alert> alerts) {
        StringBuilder sb = new StringBuilder();
        for (Alert a : alerts) {
            sb.append(a.alertKey()).append(" r").append(a.revision()).append(' ').append(a.status()).append(' ')
                    .append(a.cause()).append(' ').append(a.confidence()).append(' ').append(a.severity())
                    .append(" pods=").append(a.pods().stream().filter(p -> p.resets() > 0)
                            .map(Alert.AlertPod::name).toList())
                    .append(" window=").append(a.windowStart()).append('\n');
        }
        return sb.toString();
    }
}

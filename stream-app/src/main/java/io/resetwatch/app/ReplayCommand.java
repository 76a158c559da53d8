package io.resetwatch.app;

import io.resetwatch.config.Settings;
import io.resetwatch.replay.Replay;
import io.resetwatch.replay.TopicDump;
import io.resetwatch.serde.Json;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code resetwatch replay}: the service's topology over exported topic files, for postmortems. The output is
 * the alert records exactly as the alerts topic would receive them, in emission order. An incident still
 * active at the end of the data ends with its last {@code firing} record; all others end {@code resolved}.
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Run the resetwatch topology over exported files of both input topics.",
                "Each file holds record values one per line, in topic order, optionally prefixed with "
                        + "'CreateTime:<epoch-ms><TAB>' (kafka-console-consumer --property print.timestamp=true).",
                "Last line on stdout: replay: access_records=N pod_records=N rejected=N alerts=N"})
final class ReplayCommand implements Callable<Integer> {

    @Option(names = "--access-logs", required = true, paramLabel = "FILE", description = "envoy-access-logs export")
    Path accessLogs;

    @Option(names = "--pod-events", required = true, paramLabel = "FILE", description = "k8s-pod-events export")
    Path podEvents;

    @Option(names = "--config", paramLabel = "FILE", description = "resetwatch properties file")
    Path config;

    @Option(names = "--output", required = true, paramLabel = "FILE", description = "where to write the alerts (JSON lines)")
    Path output;

    @Option(names = "--verbose", description = "print stack traces on failure")
    boolean verbose;

    @Override
    public Integer call() throws Exception {
        Settings settings = RuntimeSettings.forOffline(config);
        List<TopicDump.Line> access = read(accessLogs);
        List<TopicDump.Line> pods = read(podEvents);
        Replay.Result result;
        try (BufferedWriter writer = Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
            result = new Replay(settings, Clock.systemUTC()).run(access, pods, alert -> {
                try {
                    writer.write(Json.mapper().writeValueAsString(alert));
                    writer.newLine();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
        System.out.printf("replay: access_records=%d pod_records=%d rejected=%d alerts=%d%n",
                result.accessRecords(), result.podRecords(), result.rejected(), result.alerts().size());
        return 0;
    }

    private static List<TopicDump.Line> read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return TopicDump.read(in);
        } catch (NoSuchFileException e) {
            throw new IOException("cannot read " + file + ": no such file");
        }
    }
}

package io.resetwatch.app;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.resetwatch.attribute.ResetFamily;
import io.resetwatch.attribute.UpstreamResolver;
import io.resetwatch.lifecycle.LifecycleOutcome;
import io.resetwatch.lifecycle.LifecycleParser;
import io.resetwatch.lifecycle.PodTransitions;
import io.resetwatch.model.AccessLogRecord;
import io.resetwatch.parse.AccessLogParser;
import io.resetwatch.parse.Explanations;
import io.resetwatch.parse.ParseOutcome;
import io.resetwatch.replay.TopicDump;
import io.resetwatch.serde.Json;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code resetwatch explain}: what resetwatch reads in a pasted line, one JSON object per line (CONTRACTS §1). */
@Command(name = "explain", mixinStandardHelpOptions = true,
        description = {"Explain access-log lines or pod-lifecycle records, one per line.",
                "Prints per input line one JSON object: the normalized record with a sentence per flag and "
                        + "reset reason, or {\"rejected\": reason} / {\"skipped\": reason}.",
                "Lines may carry a kafka-console-consumer 'CreateTime:<ms><TAB>' prefix."})
final class ExplainCommand implements Callable<Integer> {

    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE", description = "input file, or - for stdin (default)")
    String file = "-";

    @Option(names = "--k8s-cluster", description = "cluster id used in upstream keys (default: ${DEFAULT-VALUE})")
    String k8sCluster = "default";

    @Option(names = "--verbose", description = "print stack traces on failure")
    boolean verbose;

    @Override
    public Integer call() throws Exception {
        try (InputStream in = "-".equals(file) ? System.in : Files.newInputStream(Path.of(file))) {
            explain(in, System.out, k8sCluster);
        }
        return 0;
    }

    static void explain(InputStream in, PrintStream out, String k8sCluster) throws java.io.IOException {
        AccessLogParser accessParser = new AccessLogParser();
        LifecycleParser lifecycleParser = new LifecycleParser();
        UpstreamResolver resolver = new UpstreamResolver(k8sCluster);
        long now = System.currentTimeMillis();
        for (TopicDump.Line line : TopicDump.read(in)) {
            long timestamp = line.createTime() != null ? line.createTime() : now;
            ParseOutcome access = accessParser.parse(line.value(), timestamp);
            ObjectNode result;
            if (access instanceof ParseOutcome.Parsed parsed) {
                result = describe(parsed.record(), resolver);
            } else if (access instanceof ParseOutcome.Skipped skipped) {
                result = Json.mapper().createObjectNode().put("skipped", skipped.reason());
            } else {
                ParseOutcome.Rejected rejected = (ParseOutcome.Rejected) access;
                LifecycleOutcome lifecycle = lifecycleParser.parse(line.value(), timestamp);
                result = "unknown".equals(rejected.format()) ? lifecycle(lifecycle, rejected, timestamp)
                        : Json.mapper().createObjectNode().put("rejected", rejected.reason());
            }
            out.println(result);
        }
    }

    private static ObjectNode describe(AccessLogRecord record, UpstreamResolver resolver) {
        ObjectNode node = Json.mapper().valueToTree(record);
        ObjectNode explanation = node.putObject("explanation");
        ObjectNode flags = explanation.putObject("flags");
        for (String flag : record.responseFlags()) {
            flags.put(flag, Explanations.flag(flag));
        }
        String reason = record.responseCodeDetails().resetReason();
        if (reason != null) {
            explanation.put("reset_reason", Explanations.resetReason(reason));
        }
        explanation.put("is_reset", ResetFamily.isReset(record));
        resolver.resolve(record).ifPresentOrElse(
                u -> explanation.put("upstream", u.key()).put("reporter", u.inbound() ? "inbound" : "outbound"),
                () -> explanation.putNull("upstream"));
        return node;
    }

    private static ObjectNode lifecycle(LifecycleOutcome outcome, ParseOutcome.Rejected accessRejection,
                                        long timestamp) {
        ObjectNode node = Json.mapper().createObjectNode();
        if (outcome instanceof LifecycleOutcome.Facts facts) {
            node.put("format", facts.format());
            node.set("lifecycle_facts", Json.mapper().valueToTree(facts.facts()));
        } else if (outcome instanceof LifecycleOutcome.PodObserved observed) {
            node.put("format", observed.format());
            node.set("pod", Json.mapper().valueToTree(observed.snapshot()));
            node.set("lifecycle_facts", Json.mapper().valueToTree(
                    PodTransitions.between(null, observed.snapshot(), timestamp)));
        } else if (outcome instanceof LifecycleOutcome.Skipped skipped) {
            node.put("skipped", skipped.reason());
        } else {
            LifecycleOutcome.Rejected rejected = (LifecycleOutcome.Rejected) outcome;
            node.put("rejected", "unknown".equals(rejected.format()) ? accessRejection.reason() : rejected.reason());
        }
        return node;
    }
}

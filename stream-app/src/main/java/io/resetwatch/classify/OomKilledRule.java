package io.resetwatch.classify;

import io.resetwatch.model.FactType;
import io.resetwatch.model.LifecycleFact;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * OOM_KILLED (DOMAIN §10, §8.5): a container of an affected pod ended with reason OOMKilled (whatever the exit
 * code); or, for a system OOM, its app container ended 137/Error while its node reported an OOM kill of a matching
 * process. Exit 137 alone is not an OOM.
 *
 * <p>Strength per pod: app container OOMKilled 1.0, sidecar 0.6; system OOM whose process matches the container
 * or workload name 0.8, a common runtime (java, node, …) 0.6, no process named 0.45, another program: none; times the fact's proximity to the window. Confidence =
 * 0.15 + 0.8 × Σ(resets × strength)/resets + 0.05 for a later BackOff + 0.05 for inbound UF 111 (the app restarting
 * behind a live sidecar).
 */
final class OomKilledRule implements CauseRule {

    /** Kernel and kubelet OOM events are stamped within seconds of the container's finishedAt. */
    private static final Duration NODE_OOM_TOLERANCE = Duration.ofSeconds(30);

    private static final double NAME_MATCH = 0.8;
    private static final double RUNTIME_MATCH = 0.6;
    private static final double NO_PROCESS_NAMED = 0.45;

    /** Process names of common runtimes: they say nothing about which workload ran them. */
    private static final List<String> RUNTIMES = List.of(
            "java", "node", "python", "python3", "ruby", "dotnet", "php-fpm", "beam.smp", "gunicorn", "uwsgi");

    private static final Pattern SYSTEM_OOM_VICTIM = Pattern.compile("victim process: ([^,\\s]+)");
    private static final Pattern KERNEL_KILLED = Pattern.compile("[Kk]ill(?:ed)? process \\d+ \\(([^)]+)\\)");

    @Override
    public Optional<Candidate> evaluate(WindowContext ctx) {
        PodFindings findings = new PodFindings(ctx);
        List<String> remedies = new ArrayList<>();
        String appLimit = null;
        String appContainer = null;
        String systemNode = null;
        boolean sidecar = false;
        boolean backOff = false;

        for (PodEvidence pod : ctx.affected()) {
            List<LifecycleFact> facts = ctx.factsOf(pod);
            double best = 0;
            List<Evidence> evidence = new ArrayList<>();
            for (LifecycleFact f : facts) {
                if (f.type() == FactType.CONTAINER_OOM_KILLED && !WindowContext.isMeshInit(f)) {
                    boolean isSidecar = WindowContext.isSidecar(f);
                    String limit = f.memoryLimit() != null ? f.memoryLimit() : limitOf(facts, f.container());
                    evidence.add(ctx.evidence(f, pod, "pod " + WindowContext.podLabel(pod) + " " + Text.container(f)
                            + " was OOMKilled (" + Text.exitOnly(f)
                            + (limit != null ? ", memory limit " + limit : "") + ")"));
                    best = Math.max(best, (isSidecar ? 0.6 : 1.0) * ctx.proximity(f));
                    if (isSidecar) {
                        sidecar = true;
                    } else if (appContainer == null) {
                        appContainer = f.container();
                        appLimit = limit;
                    }
                }
            }
            Instant deletion = WindowContext.deletionStart(facts);
            for (LifecycleFact f : facts) {
                if (!isSigkillWithoutVerdict(f) || (deletion != null && ctx.notAfter(deletion, f.time()))) {
                    continue; // killed after its grace period, not by the kernel
                }
                for (LifecycleFact n : ctx.nodeFacts(pod.node())) {
                    if (n.type() != FactType.NODE_OOM || !ctx.near(n.time(), f.time(), NODE_OOM_TOLERANCE)) {
                        continue;
                    }
                    String process = processOf(n);
                    double match = process == null ? NO_PROCESS_NAMED : processMatch(process, f, pod);
                    if (match == 0) {
                        continue; // the kernel killed someone else's process on that node
                    }
                    evidence.add(ctx.evidence(f, pod, "pod " + WindowContext.podLabel(pod) + " " + Text.container(f)
                            + " was killed (" + Text.exit(f) + ") without an OOM verdict of its own"));
                    evidence.add(ctx.evidence(n, pod, "node " + n.node() + " reported a system OOM"
                            + (process == null ? " naming no process"
                                    : match == NAME_MATCH ? " killing process " + process + ", which matches " + Text.container(f)
                                    : " killing process " + process + ", a runtime that " + Text.container(f) + " may run")
                            + Text.quote(n.message()) + "; the node ran out of memory, not the container's limit,"));
                    best = Math.max(best, match * ctx.proximity(f));
                    systemNode = n.node();
                    break;
                }
            }
            if (!evidence.isEmpty()) {
                backOff |= facts.stream().anyMatch(x -> x.type() == FactType.BACK_OFF);
                evidence.add(0, WindowContext.ofPod("pod", pod, ctx.podResetsPhrase(pod)));
                findings.add(pod, best, evidence);
            }
        }
        if (findings.isEmpty()) {
            return Optional.empty();
        }
        long restarting = ctx.reasons(s -> s.contains("_111") || s.contains("Connection_refused"));
        double corroboration = (backOff ? 0.05 : 0) + (restarting > 0 ? 0.05 : 0);
        List<Evidence> evidence = new ArrayList<>();
        evidence.add(findings.coverage("OOM kills"));
        evidence.addAll(findings.evidence());
        if (restarting > 0) {
            evidence.add(WindowContext.aggregate("transport_failure", restarting
                    + " connect failures with ECONNREFUSED (111): the app was restarting behind a live sidecar"));
        }

        if (appContainer != null) {
            remedies.add("Raise resources.limits.memory of container " + appContainer
                    + (appLimit != null ? " (currently " + appLimit + ")" : "")
                    + " or cut its memory use; usage at 92 % of the limit or more means the container itself outgrew it.");
        }
        if (systemNode != null) {
            remedies.add("Node " + systemNode + " ran out of memory (system OOM): raising the container limit will not"
                    + " help; set memory requests to real usage for the pods on that node so the scheduler stops"
                    + " overcommitting it, or use larger nodes.");
        }
        if (sidecar) {
            remedies.add("The istio-proxy sidecar was OOM-killed: raise its memory with the pod annotation"
                    + " sidecar.istio.io/proxyMemoryLimit (or the mesh's proxy resources), or shrink its configuration"
                    + " with a Sidecar resource.");
        }
        double confidence = Confidence.lifecycle(findings.weightedStrength(), corroboration, 0);
        return Optional.of(new Candidate(Cause.OOM_KILLED, confidence, evidence, String.join(" ", remedies)));
    }

    /** Exit 137 without reason OOMKilled: SIGKILL from someone; an OOM only if the node says so. */
    private static boolean isSigkillWithoutVerdict(LifecycleFact f) {
        return f.type() == FactType.CONTAINER_TERMINATED
                && f.exitCode() != null && f.exitCode() == 137
                && !"OOMKilled".equals(f.reason())
                && !WindowContext.isSidecar(f) && !WindowContext.isMeshInit(f);
    }

    static String processOf(LifecycleFact nodeOom) {
        if (nodeOom.message() != null) {
            Matcher m = SYSTEM_OOM_VICTIM.matcher(nodeOom.message());
            if (m.find()) {
                return m.group(1);
            }
            m = KERNEL_KILLED.matcher(nodeOom.message());
            if (m.find()) {
                return m.group(1);
            }
        }
        return nodeOom.container(); // a producer may have put the process name there already
    }

    /** How well the process name agrees with the container's or the workload's name; 0 when it names another program. */
    private static double processMatch(String process, LifecycleFact termination, PodEvidence pod) {
        String p = process.toLowerCase(Locale.ROOT);
        List<String> names = new ArrayList<>();
        names.add(termination.container());
        names.add(WindowContext.deploymentOf(pod.name()));
        names.add(termination.labels().get("app"));
        names.add(termination.labels().get("app.kubernetes.io/name"));
        for (String name : names) {
            if (name == null || name.length() < 3) {
                continue;
            }
            String n = name.toLowerCase(Locale.ROOT);
            if (n.equals(p) || (p.length() >= 3 && (n.contains(p) || p.contains(n)))) {
                return NAME_MATCH;
            }
        }
        return RUNTIMES.contains(p) ? RUNTIME_MATCH : 0;
    }

    private static String limitOf(List<LifecycleFact> facts, String container) {
        for (LifecycleFact f : facts) {
            if (f.memoryLimit() != null && (container == null || container.equals(f.container()))) {
                return f.memoryLimit();
            }
        }
        return null;
    }
}

package io.resetwatch.app;

import io.resetwatch.config.ConfigException;
import io.resetwatch.forward.ForwardCommand;
import io.resetwatch.watch.WatchPodsCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code resetwatch <command>}: the CLI entry point (CONTRACTS §1). */
@Command(name = "resetwatch", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Cause-classified alerts for Istio/Envoy upstream resets (503 UC/UR), on Kafka Streams.",
        subcommands = {ExplainCommand.class, ReplayCommand.class, RunCommand.class, DemoCommand.class,
                BenchCommand.class, ForwardCommand.class, WatchPodsCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the CLI and returns the exit code: 0 success, 1 runtime failure, 2 usage error. */
    public static int execute(String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            boolean verbose = parseResult.originalArgs().contains("--verbose");
            if (verbose) {
                e.printStackTrace(commandLine.getErr());
            }
            if (e instanceof ConfigException ce) {
                commandLine.getErr().println("resetwatch: invalid configuration: " + ce.getMessage());
                return 2;
            }
            if (e instanceof CommandLine.ParameterException pe) {
                commandLine.getErr().println("resetwatch: " + pe.getMessage());
                return 2;
            }
            commandLine.getErr().println("resetwatch: " + oneLine(e));
            return 1;
        });
        cli.setParameterExceptionHandler((e, args1) -> {
            e.getCommandLine().getErr().println("resetwatch: " + e.getMessage()
                    + " (see: " + e.getCommandLine().getCommandName() + " --help)");
            return 2;
        });
        return cli.execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    static String oneLine(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.replaceAll("[\\r\\n]+", " ");
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"resetwatch " + (v == null ? "dev" : v)};
        }
    }
}

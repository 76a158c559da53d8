package io.resetwatch.faults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** {@code resetwatch run} from the shaded jar in its own JVM, so it can be SIGKILLed like a real pod. */
final class ChildService implements AutoCloseable {

    private final List<String> command;
    private final Map<String, String> env;
    private final Path log;
    private Process process;

    ChildService(Path config, Map<String, String> env, Path log) {
        Path jar = Path.of("target/resetwatch.jar").toAbsolutePath();
        if (!Files.exists(jar)) {
            throw new IllegalStateException("the shaded jar must be built before integration tests: " + jar);
        }
        this.command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-XX:+UseSerialGC", "-jar", jar.toString(), "run", "--config", config.toString()));
        this.env = env;
        this.log = log;
    }

    ChildService start() throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(env);
        process = builder.start();
        return this;
    }

    /** SIGKILL: no shutdown hook, no commit, no goodbye to the group. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    boolean alive() {
        return process != null && process.isAlive();
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(40, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}

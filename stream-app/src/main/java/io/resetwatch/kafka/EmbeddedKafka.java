package io.resetwatch.kafka;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka (KRaft, combined broker and controller) that the project starts itself:
 * for {@code resetwatch demo}, {@code resetwatch bench} and the integration tests.
 *
 * <p>The broker runs in a child JVM ({@code kafka.Kafka} from the {@code kafka_2.13} artifact, on this
 * JVM's own class path), so it can be killed like a real one. Ports are picked at start and kept for
 * {@link #restart()}; the log directories live under the work directory.
 */
public final class EmbeddedKafka implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);

    private static final String HOST = "127.0.0.1";
    private static final Duration GRACEFUL_STOP = Duration.ofSeconds(30);
    private static final Duration FORCED_STOP = Duration.ofSeconds(10);
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);
    private static final int LOG_TAIL_LINES = 40;

    /** Listener keys whose values in {@link Options#extraBrokerProperties()} are appended, not replaced. */
    private static final List<String> APPENDED_KEYS =
            List.of("listeners", "advertised.listeners", "listener.security.protocol.map");

    private final Options options;
    private final Path workDir;
    private final boolean ownsWorkDir;
    private final int brokerPort;
    private final int controllerPort;
    private final Map<String, String> brokerProperties;
    private final Path propertiesFile;
    private final Path log4jFile;
    private final Path logFile;
    private final Thread shutdownHook;

    // Volatile: the shutdown hook reads it without the lock, which a start in progress may hold.
    private volatile Process process;
    private boolean closed;

    private EmbeddedKafka(Options options, Path workDir, boolean ownsWorkDir) {
        this.options = options;
        this.workDir = workDir;
        this.ownsWorkDir = ownsWorkDir;
        this.brokerPort = freePort();
        this.controllerPort = freePort();
        this.brokerProperties = brokerProperties(workDir.resolve("kraft-logs"), brokerPort, controllerPort,
                options.extraBrokerProperties());
        this.propertiesFile = workDir.resolve("server.properties");
        this.log4jFile = workDir.resolve("broker-log4j2.xml");
        this.logFile = workDir.resolve("broker.log");
        this.shutdownHook = new Thread(this::destroyOnJvmExit, "embedded-kafka-shutdown");
    }

    /**
     * Formats the log directory, starts the broker and blocks until it answers {@code describeCluster}.
     *
     * @throws IllegalStateException if the broker exits or does not answer within the start timeout;
     *                               the message carries the tail of the broker's log
     */
    public static EmbeddedKafka start(Options options) {
        Objects.requireNonNull(options, "options");
        if (!options.childProcess()) {
            // In-process needs KafkaRaftServer, whose supertypes are runtime-only dependencies of
            // kafka_2.13; a child JVM is what the fault tests need anyway.
            throw new UnsupportedOperationException("only the child-process broker is supported");
        }
        Path workDir;
        try {
            workDir = options.workDir() == null
                    ? Files.createTempDirectory("resetwatch-kafka-")
                    : Files.createDirectories(options.workDir());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the broker work directory", e);
        }
        EmbeddedKafka kafka = new EmbeddedKafka(options, workDir, options.workDir() == null);
        try {
            kafka.writeConfiguration();
            kafka.format();
            Runtime.getRuntime().addShutdownHook(kafka.shutdownHook);
            kafka.launchAndAwait();
            return kafka;
        } catch (RuntimeException e) {
            kafka.close();
            throw e;
        }
    }

    /** {@code host:port} of the PLAINTEXT listener, for clients' {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return HOST + ":" + brokerPort;
    }

    /**
     * {@code host:port} that the broker advertises for the named listener, e.g. one added through
     * {@link Options#extraBrokerProperties()}.
     */
    public String bootstrapServers(String listenerName) {
        for (String listener : brokerProperties.get("advertised.listeners").split(",")) {
            int separator = listener.indexOf("://");
            if (listener.substring(0, separator).trim().equals(listenerName)) {
                return listener.substring(separator + 3).trim();
            }
        }
        throw new IllegalArgumentException("no advertised listener named " + listenerName);
    }

    /** The work directory: server.properties, broker.log and the log directories. */
    public Path workDir() {
        return workDir;
    }

    /** The file that the broker's stdout, stderr and WARN-level log go to. */
    public Path logFile() {
        return logFile;
    }

    /**
     * Creates topics with replication factor 1 and waits until the broker serves their metadata.
     * A topic that already exists is left as it is.
     */
    public void createTopics(Map<String, Integer> partitionsByTopic) {
        List<NewTopic> topics = partitionsByTopic.entrySet().stream()
                .map(e -> new NewTopic(e.getKey(), e.getValue(), (short) 1))
                .toList();
        try (Admin admin = admin()) {
            for (var created : admin.createTopics(topics).values().entrySet()) {
                try {
                    created.getValue().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create topic " + created.getKey(), e.getCause());
                    }
                }
            }
            awaitTopicsServed(admin, partitionsByTopic.keySet());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("topic creation did not finish within " + ADMIN_TIMEOUT, e);
        }
    }

    /** Stops the broker like a crash (SIGKILL), keeping its log directories for {@link #restart()}. */
    public synchronized void kill() {
        requireOpen();
        if (process != null) {
            destroy(process, true, FORCED_STOP);
            process = null;
        }
    }

    /**
     * Starts the broker again on the same ports and log directories, stopping it gracefully first if it
     * is running; blocks until it answers, like {@link #start(Options)}.
     */
    public synchronized void restart() {
        requireOpen();
        if (process != null) {
            stopProcess();
        }
        launchAndAwait();
    }

    /** Stops the broker gracefully (forcibly after 30 s) and deletes the work directory if it made it. */
    public synchronized void stop() {
        if (closed) {
            return;
        }
        closed = true;
        if (process != null) {
            stopProcess();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException | IllegalArgumentException e) {
            // The JVM is already exiting, or the hook was never registered: nothing to undo.
        }
        if (ownsWorkDir) {
            deleteRecursively(workDir);
        }
    }

    @Override
    public void close() {
        stop();
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("the embedded broker has been closed");
        }
    }

    private void writeConfiguration() {
        Properties properties = new Properties();
        properties.putAll(brokerProperties);
        try (var out = Files.newBufferedWriter(propertiesFile)) {
            properties.store(out, "written by resetwatch EmbeddedKafka");
            Files.writeString(log4jFile, LOG4J2_CONFIG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the broker configuration", e);
        }
    }

    /**
     * Formats the log directory in this JVM: {@code StorageTool.execute} returns a status rather than
     * exiting (only its {@code main} exits), and it saves starting a second JVM.
     */
    private void format() {
        String clusterId = Uuid.randomUuid().toString();
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int status;
        try (PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            // Without --standalone: controller.quorum.voters makes this a static quorum.
            status = kafka.tools.StorageTool.execute(new String[] {
                "format", "--ignore-formatted", "-t", clusterId, "-c", propertiesFile.toString()}, out);
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot format the broker log directory: " + e.getMessage(), e);
        }
        if (status != 0) {
            throw new IllegalStateException("formatting the broker log directory failed (status " + status
                    + "): " + output.toString(StandardCharsets.UTF_8).strip());
        }
    }

    private void launchAndAwait() {
        long startNanos = System.nanoTime();
        process = launch();
        awaitReady(startNanos + options.startTimeout().toNanos());
        LOG.info("Kafka broker at {} answered after {} ms", bootstrapServers(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos));
    }

    private Process launch() {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = List.of(
                java.toString(),
                "-Xms128m", "-Xmx512m",
                // Two cores are shared with the stream processor: one GC thread, no concurrent GC work.
                "-XX:+UseSerialGC",
                "-XX:+ExitOnOutOfMemoryError",
                "-Djava.awt.headless=true",
                "-Dlog4j2.configurationFile=" + log4jFile.toUri(),
                "-cp", absoluteClassPath(),
                BrokerProcessMain.class.getName(),
                propertiesFile.toString());
        try {
            // stdin stays a pipe held by this JVM: BrokerProcessMain exits when it closes.
            return new ProcessBuilder(command)
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the broker JVM " + java, e);
        }
    }

    private void awaitReady(long deadlineNanos) {
        try {
            while (!portAnswers(brokerPort)) {
                // Waiting on the process doubles as the poll interval and notices an early exit.
                if (process.waitFor(100, TimeUnit.MILLISECONDS)) {
                    throw startFailure("the broker exited with status " + process.exitValue());
                }
                if (System.nanoTime() > deadlineNanos) {
                    throw startFailure("the broker did not open " + bootstrapServers()
                            + " within " + options.startTimeout().toSeconds() + " s");
                }
            }
            try (Admin admin = admin()) {
                while (true) {
                    long remainingMs = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime()));
                    try {
                        Collection<?> nodes = admin.describeCluster().nodes()
                                .get(Math.min(remainingMs, 5_000), TimeUnit.MILLISECONDS);
                        if (!nodes.isEmpty()) {
                            return;
                        }
                    } catch (ExecutionException | TimeoutException e) {
                        // Not ready yet: the broker may still be catching up with the metadata log.
                    }
                    if (!process.isAlive()) {
                        throw startFailure("the broker exited with status " + process.exitValue());
                    }
                    if (System.nanoTime() > deadlineNanos) {
                        throw startFailure("the broker did not answer describeCluster within "
                                + options.startTimeout().toSeconds() + " s");
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw startFailure("interrupted while waiting for the broker");
        }
    }

    private IllegalStateException startFailure(String reason) {
        return new IllegalStateException(reason + "; last lines of " + logFile + ":\n" + logTail());
    }

    private String logTail() {
        try (Stream<String> lines = Files.lines(logFile, StandardCharsets.UTF_8)) {
            List<String> all = lines.toList();
            return String.join("\n", all.subList(Math.max(0, all.size() - LOG_TAIL_LINES), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private void stopProcess() {
        destroy(process, false, GRACEFUL_STOP);
        process = null;
    }

    private void destroyOnJvmExit() {
        Process running = process;
        if (running != null) {
            // A shutdown hook must be quick; the log directories are disposable at this point.
            destroy(running, true, FORCED_STOP);
        }
        if (ownsWorkDir) {
            deleteRecursively(workDir);
        }
    }

    /** Ends the process and any descendants; descendants are listed first, as they are orphaned after. */
    private static void destroy(Process process, boolean forcibly, Duration grace) {
        List<ProcessHandle> descendants = process.descendants().toList();
        if (forcibly) {
            process.destroyForcibly();
        } else {
            process.destroy();
        }
        descendants.forEach(forcibly ? ProcessHandle::destroyForcibly : ProcessHandle::destroy);
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("Kafka broker did not stop within {} s; killing it", grace.toSeconds());
                process.destroyForcibly();
                process.waitFor(FORCED_STOP.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    private Admin admin() {
        return Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) ADMIN_TIMEOUT.toMillis()));
    }

    private static void awaitTopicsServed(Admin admin, Collection<String> names)
            throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + ADMIN_TIMEOUT.toNanos();
        while (true) {
            try {
                Map<String, TopicDescription> described = admin.describeTopics(names).allTopicNames()
                        .get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                boolean allLed = described.values().stream()
                        .flatMap(d -> d.partitions().stream())
                        .allMatch(p -> p.leader() != null && !p.leader().isEmpty());
                if (allLed) {
                    return;
                }
            } catch (ExecutionException e) {
                // The broker's metadata may lag the controller by a moment: ask again.
            }
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("topics not served: " + names);
            }
            Thread.sleep(50);
        }
    }

    private static boolean portAnswers(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(HOST, port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** A port that was free a moment ago, for listeners added through extra broker properties. */
    /** The child runs in its work directory, so a relative entry (as {@code java -jar target/x.jar} gives) must be made absolute. */
    private static String absoluteClassPath() {
        StringBuilder cp = new StringBuilder();
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            if (entry.isEmpty()) {
                continue;
            }
            if (cp.length() > 0) {
                cp.append(java.io.File.pathSeparator);
            }
            cp.append(Path.of(entry).toAbsolutePath());
        }
        return cp.toString();
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getByName(HOST))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free local port", e);
        }
    }

    static Map<String, String> brokerProperties(Path logDir, int brokerPort, int controllerPort,
                                                Map<String, String> extra) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@" + HOST + ":" + controllerPort);
        p.put("listeners", "PLAINTEXT://" + HOST + ":" + brokerPort + ",CONTROLLER://" + HOST + ":" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://" + HOST + ":" + brokerPort);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("log.dirs", logDir.toString());
        // One node: every internal topic must live with one replica, or groups and transactions never work.
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "5");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "5");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("share.coordinator.state.topic.num.partitions", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("num.partitions", "1");
        p.put("default.replication.factor", "1");
        p.put("min.insync.replicas", "1");
        p.put("auto.create.topics.enable", "false");
        // Replayed data carries event timestamps years old (or ahead): accept any, never expire by time.
        p.put("log.message.timestamp.type", "CreateTime");
        p.put("log.message.timestamp.before.max.ms", String.valueOf(Long.MAX_VALUE));
        p.put("log.message.timestamp.after.max.ms", String.valueOf(Long.MAX_VALUE));
        p.put("log.retention.ms", "-1");
        // Modest threads and buffers: the node shares two cores with the stream processor.
        p.put("num.network.threads", "2");
        p.put("num.io.threads", "2");
        p.put("background.threads", "2");
        p.put("num.recovery.threads.per.data.dir", "1");
        p.put("log.cleaner.threads", "1");
        p.put("log.cleaner.dedupe.buffer.size", String.valueOf(16 * 1024 * 1024));
        // A listener added without its own advertised address is advertised as it binds.
        if (extra.containsKey("listeners") && !extra.containsKey("advertised.listeners")) {
            p.put("advertised.listeners", p.get("advertised.listeners") + "," + extra.get("listeners"));
        }
        for (var e : extra.entrySet()) {
            if (APPENDED_KEYS.contains(e.getKey()) && p.containsKey(e.getKey())) {
                p.put(e.getKey(), p.get(e.getKey()) + "," + e.getValue());
            } else {
                p.put(e.getKey(), e.getValue());
            }
        }
        return Map.copyOf(p);
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            List<Path> deepestFirst = paths.sorted(Comparator.reverseOrder()).collect(Collectors.toCollection(ArrayList::new));
            for (Path path : deepestFirst) {
                Files.deleteIfExists(path);
            }
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("Could not delete the broker work directory {}: {}", dir, e.toString());
        }
    }

    private static final String LOG4J2_CONFIG = """
            <?xml version="1.0" encoding="UTF-8"?>
            <Configuration status="WARN">
              <Appenders>
                <Console name="out" target="SYSTEM_OUT">
                  <PatternLayout pattern="%d{ISO8601} %-5level [%t] %c - %msg%n"/>
                </Console>
              </Appenders>
              <Loggers>
                <!-- The start and stop lines help diagnose a slow or failed start; the rest only when it matters. -->
                <Logger name="kafka.server.KafkaRaftServer" level="INFO"/>
                <Logger name="kafka.Kafka" level="INFO"/>
                <Root level="WARN">
                  <AppenderRef ref="out"/>
                </Root>
              </Loggers>
            </Configuration>
            """;

    /**
     * How to start the broker.
     *
     * @param childProcess          run the broker in its own JVM (the only mode supported)
     * @param extraBrokerProperties added to, or overriding, the broker's properties; values for
     *                              {@code listeners}, {@code advertised.listeners} and
     *                              {@code listener.security.protocol.map} are appended to the built-in
     *                              PLAINTEXT and CONTROLLER entries (use {@link #freePort()} for ports);
     *                              added listeners are also advertised unless advertised listeners are
     *                              given too
     * @param workDir               where configuration, log and data go; {@code null} for a temporary
     *                              directory that {@link #close()} deletes (a given one is kept)
     * @param startTimeout          how long {@link #start(Options)} and {@link #restart()} wait
     */
    public record Options(boolean childProcess, Map<String, String> extraBrokerProperties, Path workDir,
                          Duration startTimeout) {

        public Options {
            extraBrokerProperties = Map.copyOf(extraBrokerProperties);
            Objects.requireNonNull(startTimeout, "startTimeout");
        }

        public static Options defaults() {
            // Generous: about 3 s on two idle cores, but several times that on a loaded shared machine.
            return new Options(true, Map.of(), null, Duration.ofSeconds(120));
        }

        public Options withExtraBrokerProperties(Map<String, String> properties) {
            return new Options(childProcess, properties, workDir, startTimeout);
        }

        public Options withWorkDir(Path dir) {
            return new Options(childProcess, extraBrokerProperties, dir, startTimeout);
        }

        public Options withStartTimeout(Duration timeout) {
            return new Options(childProcess, extraBrokerProperties, workDir, timeout);
        }
    }
}

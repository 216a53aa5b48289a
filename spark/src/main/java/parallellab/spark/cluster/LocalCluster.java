package parallellab.spark.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.spark.launcher.JavaModuleOptions;

/**
 * A Spark standalone cluster on this machine: one master and N workers, each its own JVM, all bound
 * to 127.0.0.1. It shows what "beyond one machine" means without a second machine: the driver talks
 * to a master over the network, the master hands out workers, and each worker starts an executor
 * JVM for the application. Killing one of those JVMs is how lesson 06 shows Spark's retry.
 *
 * <p>What it costs: every daemon is a JVM (a few hundred MB each, seconds to start), and on one
 * machine the cluster only adds overhead to {@code local[N]}. What it buys: the same scan, the same
 * failure modes (a path an executor cannot see, an executor that cannot start, a lost worker) as on
 * a real cluster. Master, workers and executors run from the driver's own Spark jars (see
 * {@link SparkHome}); nothing is downloaded.
 *
 * <p>The daemons outlive the JVM that started them ({@code ./lab cluster start} returns); their PIDs,
 * ports and logs are written to {@code cluster.json} in the cluster's folder, which
 * {@link #find(Path)} reads back for {@code status} and {@code stop}.
 */
public final class LocalCluster implements AutoCloseable {

    /** How many workers, with how many cores and how much memory each, and the master's ports (0: any free one). */
    public record Options(int workers, int cores, String memory, int port, int webUiPort) {
        public Options {
            if (workers < 1 || cores < 1) {
                throw new IllegalArgumentException("a cluster needs at least 1 worker with at least 1 core (got " + workers + " workers, " + cores + " cores)");
            }
            if (!memory.matches("(?i)\\d+[mg]")) {
                throw new IllegalArgumentException("--memory takes a size such as 512m or 1g (got '" + memory + "')");
            }
            if (port < 0 || port > 65535 || webUiPort < 0 || webUiPort > 65535) {
                throw new IllegalArgumentException("ports go from 1 to 65535, or 0 for any free one");
            }
        }

        /** Spark's usual ports (7077, web UI 8080), 2 workers of 1 core and 1 GB. */
        public static Options defaults() {
            return new Options(2, 1, "1g", 7077, 8080);
        }

        /** Any free ports: for tests and notebooks, which must not collide with a cluster already running. */
        public static Options anyFreePorts(int workers, int cores, String memory) {
            return new Options(workers, cores, memory, 0, 0);
        }
    }

    /** A worker as the master sees it. */
    public record Worker(String id, String address, int cores, int memoryMb, String state) {}

    /** An application (a driver) as the master sees it. */
    public record Application(String id, String name, int cores, String state) {}

    /** What the master reports. */
    public record Status(String masterUrl, String webUiUrl, String state, List<Worker> workers, List<Application> applications) {
        @Override
        public String toString() {
            StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "master %s  (%s, web UI %s)%n", masterUrl, state, webUiUrl));
            s.append(String.format(Locale.ROOT, "workers: %d%n", workers.size()));
            workers.forEach(w -> s.append(String.format(Locale.ROOT, "  %s  %s  %d cores  %d MB  %s%n", w.id(), w.address(), w.cores(), w.memoryMb(), w.state())));
            s.append(String.format(Locale.ROOT, "running applications: %d%n", applications.size()));
            applications.forEach(a -> s.append(String.format(Locale.ROOT, "  %s  %s  %d cores  %s%n", a.id(), a.name(), a.cores(), a.state())));
            return s.toString().stripTrailing();
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String STATE_FILE = "cluster.json";
    private static final Duration MASTER_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration WORKERS_TIMEOUT = Duration.ofSeconds(90);

    private final Path home;
    private final String masterUrl;
    private final String webUiUrl;
    private final long masterPid;
    private final List<Long> workerPids;
    private final List<Path> logs;

    private LocalCluster(Path home, String masterUrl, String webUiUrl, long masterPid, List<Long> workerPids, List<Path> logs) {
        this.home = home;
        this.masterUrl = masterUrl;
        this.webUiUrl = webUiUrl;
        this.masterPid = masterPid;
        this.workerPids = List.copyOf(workerPids);
        this.logs = List.copyOf(logs);
    }

    /** {@code spark/target/cluster}: beside this module's classes or jar. */
    public static Path defaultHome() {
        try {
            Path own = Path.of(LocalCluster.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return own.toAbsolutePath().getParent().resolve("cluster");
        } catch (java.net.URISyntaxException | RuntimeException e) {
            return Path.of("spark", "target", "cluster").toAbsolutePath();
        }
    }

    /** Starts a cluster in {@link #defaultHome()}. */
    public static LocalCluster start(Options options) {
        return start(options, defaultHome());
    }

    /**
     * Starts a master and {@code options.workers()} workers with their folder in {@code home}, and
     * returns once every worker has registered with the master.
     *
     * @throws IllegalStateException with one line (a busy port, no java, a worker that did not register);
     *                               whatever had started is stopped again
     */
    public static LocalCluster start(Options options, Path home) {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        if (!Files.isExecutable(java)) {
            throw new IllegalStateException("no java executable at " + java + ": set JAVA_HOME to a JDK 21 or newer");
        }
        home = home.toAbsolutePath().normalize();
        int port = freeOrFail(options.port(), "the master's port");
        int webUiPort = freeOrFail(options.webUiPort(), "the master's web UI port");
        Optional<LocalCluster> running = find(home);
        if (running.isPresent()) {
            throw new IllegalStateException("a cluster is already running at " + running.get().masterUrl() + " (./lab cluster stop first)");
        }
        Path sparkHome = SparkHome.layOut(home.resolve("spark-home"));
        Path logDir = home.resolve("logs");
        Path workDir = home.resolve("work");
        try {
            Files.createDirectories(logDir);
            Files.createDirectories(workDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + logDir + ": " + e.getMessage(), e);
        }
        String masterUrl = "spark://127.0.0.1:" + port;
        String webUiUrl = "http://127.0.0.1:" + webUiPort;
        List<Path> logs = new ArrayList<>();
        List<Process> started = new ArrayList<>();
        try {
            Path masterLog = logDir.resolve("master.log");
            logs.add(masterLog);
            Process master = launch(java, sparkHome, home, masterLog, "org.apache.spark.deploy.master.Master",
                    "--host", "127.0.0.1", "--port", String.valueOf(port), "--webui-port", String.valueOf(webUiPort));
            started.add(master);
            awaitMaster(master, webUiUrl, masterLog);
            List<Process> workers = new ArrayList<>();
            for (int i = 1; i <= options.workers(); i++) {
                Path log = logDir.resolve("worker-" + i + ".log");
                logs.add(log);
                Process worker = launch(java, sparkHome, home, log, "org.apache.spark.deploy.worker.Worker",
                        "--host", "127.0.0.1", "--port", "0", "--webui-port", "0",
                        "--cores", String.valueOf(options.cores()), "--memory", options.memory().toLowerCase(Locale.ROOT),
                        "--work-dir", workDir.resolve("worker-" + i).toString(), masterUrl);
                started.add(worker);
                workers.add(worker);
            }
            awaitWorkers(workers, logs.subList(1, logs.size()), webUiUrl);
            LocalCluster cluster = new LocalCluster(home, masterUrl, webUiUrl, master.pid(),
                    workers.stream().map(Process::pid).toList(), logs);
            cluster.save();
            return cluster;
        } catch (RuntimeException e) {
            started.reversed().forEach(p -> stopProcess(p.toHandle()));
            throw e;
        }
    }

    /** The cluster whose folder is {@code home}, when its master is still running. */
    public static Optional<LocalCluster> find(Path home) {
        Path state = home.toAbsolutePath().normalize().resolve(STATE_FILE);
        if (!Files.isRegularFile(state)) {
            return Optional.empty();
        }
        try {
            JsonNode json = JSON.readTree(state.toFile());
            List<Long> workers = new ArrayList<>();
            json.get("workerPids").forEach(n -> workers.add(n.asLong()));
            List<Path> logs = new ArrayList<>();
            json.get("logs").forEach(n -> logs.add(Path.of(n.asText())));
            LocalCluster cluster = new LocalCluster(home.toAbsolutePath().normalize(), json.get("masterUrl").asText(),
                    json.get("webUiUrl").asText(), json.get("masterPid").asLong(), workers, logs);
            if (cluster.processes().findAny().isEmpty()) {
                Files.deleteIfExists(state);
                return Optional.empty();
            }
            return Optional.of(cluster);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    public String masterUrl() {
        return masterUrl;
    }

    /** The master's web UI: workers, applications, and a link to each application's own UI. */
    public String webUiUrl() {
        return webUiUrl;
    }

    /** The log files: the master's first, then one per worker. */
    public List<Path> logs() {
        return logs;
    }

    /** Where each worker keeps its executors' folders, with each executor's stdout and stderr. */
    public Path workFolder() {
        return home.resolve("work");
    }

    /** Asks the master for its workers and running applications. */
    public Status status() {
        JsonNode json = masterJson(webUiUrl).orElseThrow(() ->
                new IllegalStateException("the master at " + webUiUrl + " does not answer (see " + logs.getFirst() + ")"));
        List<Worker> workers = new ArrayList<>();
        json.path("workers").forEach(w -> workers.add(new Worker(w.path("id").asText(), w.path("host").asText() + ":" + w.path("port").asText(),
                w.path("cores").asInt(), w.path("memory").asInt(), w.path("state").asText())));
        List<Application> apps = new ArrayList<>();
        json.path("activeapps").forEach(a -> apps.add(new Application(a.path("id").asText(), a.path("name").asText(),
                a.path("cores").asInt(), a.path("state").asText())));
        return new Status(masterUrl, webUiUrl, json.path("status").asText(), workers, apps);
    }

    /** The executor JVMs the workers have started (one per worker per application). */
    public List<ProcessHandle> executors() {
        return workerPids.stream().map(ProcessHandle::of).flatMap(Optional::stream)
                .flatMap(ProcessHandle::descendants)
                .filter(p -> commandLine(p).contains("CoarseGrainedExecutorBackend"))
                .toList();
    }

    /** Every process of this cluster still alive: master, workers and the executors they started. */
    public Stream<ProcessHandle> processes() {
        return Stream.concat(Stream.of(masterPid), workerPids.stream())
                .map(ProcessHandle::of).flatMap(Optional::stream)
                .filter(p -> commandLine(p).contains(marker(home)))
                .flatMap(p -> Stream.concat(Stream.of(p), p.descendants()))
                .filter(ProcessHandle::isAlive);
    }

    /**
     * A process's whole command line. The JDK's {@code ProcessHandle.Info.commandLine()} reads at most a
     * page of {@code /proc/<pid>/cmdline} on Linux, and an executor's command line (its class path spelled
     * out jar by jar) is longer when the checkout's path is: from {@code /tmp/tmp.6UtW6mqTC1/fresh} the class
     * name at its end was cut off and no executor was found. So read the file itself where there is one.
     */
    static String commandLine(ProcessHandle process) {
        Path cmdline = Path.of("/proc", Long.toString(process.pid()), "cmdline");
        try {
            if (Files.isReadable(cmdline)) {
                return Files.readString(cmdline, java.nio.charset.StandardCharsets.ISO_8859_1).replace('\0', ' ');
            }
        } catch (IOException e) {
            // The process has just ended, or is not ours to read: fall back to what the JDK knows.
        }
        return process.info().commandLine().orElse("");
    }

    /** Stops the workers (and their executors), then the master; afterwards no process of theirs is left. */
    public void stop() {
        List<ProcessHandle> all = processes().toList();
        all.reversed().forEach(LocalCluster::stopProcess);
        try {
            Files.deleteIfExists(home.resolve(STATE_FILE));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        stop();
    }

    @Override
    public String toString() {
        return "Spark master " + masterUrl + " with " + workerPids.size() + " workers; web UI " + webUiUrl;
    }

    // --- starting ---------------------------------------------------------------------------

    /** A JVM flag that names the cluster's folder: how {@link #processes()} knows a PID is still ours. */
    private static String marker(Path home) {
        return "-Dparallellab.cluster=" + home;
    }

    private static Process launch(Path java, Path sparkHome, Path home, Path log, String mainClass, String... args) {
        List<String> command = new ArrayList<>(List.of(java.toString(), marker(home), "-Xmx256m"));
        command.addAll(Arrays.asList(JavaModuleOptions.defaultModuleOptionArray()));
        command.addAll(List.of("-cp", sparkHome.resolve("jars") + "/*", mainClass));
        command.addAll(Arrays.asList(args));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().put("SPARK_HOME", sparkHome.toString());
        builder.environment().put("SPARK_SCALA_VERSION", SparkHome.SCALA_VERSION);
        builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        try {
            return builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + java + ": " + e.getMessage(), e);
        }
    }

    /** The port itself when it is free on 127.0.0.1, a free one for 0. */
    private static int freeOrFail(int port, String what) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(what + " " + port + " is in use on 127.0.0.1 (another Spark master? "
                    + "./lab cluster stop, or choose another with --port/--webui-port, 0 for any free one)");
        }
    }

    private static void awaitMaster(Process master, String webUiUrl, Path log) {
        long deadline = System.nanoTime() + MASTER_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!master.isAlive()) {
                throw new IllegalStateException("the master exited at start (code " + master.exitValue() + "): " + lastError(log) + " (see " + log + ")");
            }
            if (masterJson(webUiUrl).map(j -> "ALIVE".equals(j.path("status").asText())).orElse(false)) {
                return;
            }
            pause();
        }
        throw new IllegalStateException("the master did not start within " + MASTER_TIMEOUT.toSeconds() + " s (see " + log + ")");
    }

    private static void awaitWorkers(List<Process> workers, List<Path> logs, String webUiUrl) {
        long deadline = System.nanoTime() + WORKERS_TIMEOUT.toNanos();
        while (true) {
            for (int i = 0; i < workers.size(); i++) {
                if (!workers.get(i).isAlive()) {
                    throw new IllegalStateException("worker " + (i + 1) + " exited before registering with the master (code "
                            + workers.get(i).exitValue() + "): " + lastError(logs.get(i)) + " (see " + logs.get(i) + ")");
                }
            }
            long alive = masterJson(webUiUrl).map(j -> j.path("aliveworkers").asLong()).orElse(0L);
            if (alive >= workers.size()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(String.format(Locale.ROOT, "only %d of %d workers registered with the master within %d s (see %s)",
                        alive, workers.size(), WORKERS_TIMEOUT.toSeconds(), logs.getFirst().getParent()));
            }
            pause();
        }
    }

    /** The master's state as JSON (its web UI's /json/ page), or empty when it does not answer. */
    private static Optional<JsonNode> masterJson(String webUiUrl) {
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(webUiUrl + "/json/")).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? Optional.of(JSON.readTree(response.body())) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the Spark master");
        }
    }

    /** The last line of a daemon's log that reads like an error, for a one-line message. */
    private static String lastError(Path log) {
        try (Stream<String> lines = Files.lines(log)) {
            List<String> all = lines.toList();
            return all.reversed().stream().filter(l -> l.contains("ERROR") || l.contains("Exception") || l.contains("Error:"))
                    .findFirst().or(() -> all.isEmpty() ? Optional.empty() : Optional.of(all.getLast()))
                    .map(String::strip).orElse("its log is empty");
        } catch (IOException | UncheckedIOException e) {
            return "no log";
        }
    }

    private static void pause() {
        try {
            Thread.sleep(250);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the cluster");
        }
    }

    // --- stopping ---------------------------------------------------------------------------

    /** SIGTERM (the daemon's shutdown hook stops its executors), then SIGKILL if it lingers. */
    private static void stopProcess(ProcessHandle process) {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        try {
            process.onExit().get(15, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            // fall through to SIGKILL
        }
        if (process.isAlive()) {
            process.destroyForcibly();
        }
        children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    private void save() {
        ObjectNode json = JSON.createObjectNode();
        json.put("masterUrl", masterUrl);
        json.put("webUiUrl", webUiUrl);
        json.put("masterPid", masterPid);
        workerPids.forEach(json.putArray("workerPids")::add);
        var logArray = json.putArray("logs");
        logs.forEach(l -> logArray.add(l.toString()));
        try {
            JSON.writerWithDefaultPrettyPrinter().writeValue(home.resolve(STATE_FILE).toFile(), json);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + home.resolve(STATE_FILE), e);
        }
    }
}

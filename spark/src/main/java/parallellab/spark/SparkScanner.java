package parallellab.spark;

import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.stream.IntStream;
import org.apache.spark.SimpleFutureAction;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import parallellab.scan.Processed;
import parallellab.scan.WorkloadTask;
import parallellab.scan.ScanListener;
import parallellab.scan.ScanOptions;
import parallellab.scan.ScanSkeleton;
import parallellab.kit.KitLayout;
import parallellab.scan.LibraryScanner;
import parallellab.work.FileResult;
import parallellab.work.Workload;
import scala.Function1;
import scala.concurrent.ExecutionContext$;
import scala.jdk.javaapi.CollectionConverters;
import scala.runtime.BoxedUnit;

/**
 * The same scan on Apache Spark: the process pool's idea, grown to a cluster.
 *
 * <p>The pieces map one to one onto the pool. The <b>driver</b> is the parent: it walks the library
 * and splits the paths into <b>partitions</b>, which are the pool's chunks (by default about four
 * per worker, CPython's chunk size). The <b>executors</b> are the workers: each task receives one
 * partition and the pool's own {@link WorkloadTask} (see {@link PoolTaskFunction}), a serializable
 * record shipped like a pickled function, and sends its {@link FileResult}s back, each beside its span on
 * the worker timeline, named after its executor ({@link OnExecutor}). Results are put back in walk order as partitions arrive.
 *
 * <p>What it costs: starting a SparkContext takes a second or two and every job pays for
 * scheduling and serializing tasks, so on one machine Spark is slower than the pool. What it buys:
 * the same code runs on {@code local[N]} or on a cluster ({@code spark://host:7077}), and a lost
 * task is retried elsewhere. Choose it when the library does not fit on one machine.
 *
 * <p>Spark needs the JVM flags in {@code spark/java-options} on JDK 17 and newer. A scanner built
 * with {@link #SparkScanner(ScanOptions, String)} starts a context for each scan and stops it
 * afterwards; {@link #on(JavaSparkContext, ScanOptions)} borrows a running one (a notebook or a
 * test class keeps one context for many scans and stops it itself).
 */
public final class SparkScanner implements LibraryScanner {

    private final ScanOptions options;
    private final String master;
    private final JavaSparkContext borrowed;
    private volatile ExecutorCpu.Totals lastJob = new ExecutorCpu.Totals(0, 0, java.util.Map.of(), 0);

    /** A scanner on {@code local[workers]}: driver and executors in this JVM, one core per worker. */
    public SparkScanner(ScanOptions options) {
        this(options, null);
    }

    /** A scanner on {@code master} ({@code local[4]}, {@code spark://host:7077}, ...); null means local[workers]. */
    public SparkScanner(ScanOptions options, String master) {
        this(options, master == null || master.isBlank() ? "local[" + options.workers() + "]" : master.strip(), null);
    }

    private SparkScanner(ScanOptions options, String master, JavaSparkContext borrowed) {
        this.options = Objects.requireNonNull(options, "options");
        this.master = master;
        this.borrowed = borrowed;
    }

    /** A scanner that runs its jobs on a context the caller started and will stop. */
    public static SparkScanner on(JavaSparkContext spark, ScanOptions options) {
        return new SparkScanner(options, spark.master(), spark);
    }

    /** The configuration a scan's own context uses: quiet, no web UI, bound to loopback in local mode. */
    public static SparkConf conf(String master) {
        SparkConf conf = new SparkConf()
                .setMaster(master)
                .setAppName("parallel-lab scan")
                .set("spark.ui.enabled", "false")
                .set("spark.ui.showConsoleProgress", "false");
        if (master.startsWith("local")) {
            // A laptop's hostname often resolves to nothing useful; local mode never leaves this machine.
            conf.set("spark.driver.host", "127.0.0.1").set("spark.driver.bindAddress", "127.0.0.1");
        } else {
            List<String> jars = jarsForExecutors();
            List<String> folders = classFoldersForExecutors();
            if (folders.isEmpty()) {
                // A cluster's executors have Spark but not our classes: ship the lib, its readers and this module.
                conf.setJars(CollectionConverters.asScala(jars).toSeq());
            } else {
                // Run from class folders (tests, an IDE) there is no jar to ship: executors on this machine read the
                // folders, and the jars beside them from the same class path. Split between the executor's own class
                // path and shipped jars, this module's classes could not see the lib's (NoClassDefFoundError: PoolTask).
                List<String> classPath = new ArrayList<>(folders);
                classPath.addAll(jars);
                conf.set("spark.executor.extraClassPath", String.join(java.io.File.pathSeparator, classPath));
            }
        }
        return conf;
    }

    /** The class folders this module and the lib run from, when they are not jars. */
    static List<String> classFoldersForExecutors() {
        return java.util.stream.Stream.of(SparkScanner.class, Workload.class).map(KitLayout::codeLocation).flatMap(java.util.Optional::stream)
                .filter(Files::isDirectory).map(Path::toString).distinct().toList();
    }

    /**
     * The jars executors on a cluster need: this module's jar, the lib's jar and the lib's own
     * dependencies beside it ({@code lib/target/lib/*.jar}). Empty when running from class folders.
     */
    static List<String> jarsForExecutors() {
        List<String> jars = new ArrayList<>();
        for (Class<?> type : List.of(SparkScanner.class, Workload.class)) {
            Path jar = KitLayout.codeLocation(type).orElse(null);
            if (jar != null && jar.toString().endsWith(".jar")) {
                jars.add(jar.toString());
                if (type == Workload.class && Files.isDirectory(jar.resolveSibling("lib"))) {
                    try (var deps = Files.list(jar.resolveSibling("lib"))) {
                        deps.filter(p -> p.toString().endsWith(".jar")).sorted().forEach(p -> jars.add(p.toString()));
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException("cannot list " + jar.resolveSibling("lib"), e);
                    }
                }
            }
        }
        return jars;
    }

    /** Starts a context for {@code master}, after checking the JVM has the flags Spark needs. */
    public static JavaSparkContext startContext(String master) {
        return startContext(conf(master));
    }

    /** Starts a context with {@code conf} (for example {@link #conf(String)} with a setting changed). */
    public static JavaSparkContext startContext(SparkConf conf) {
        SparkJvm.requireFlags();
        SparkJvm.quietSlf4j();
        requireReachable(conf.get("spark.master"));
        return withOwnClassLoader(() -> new JavaSparkContext(conf));
    }

    /**
     * For a stand-alone master ({@code spark://host:port}, or several comma-separated hosts), checks
     * that one of them accepts a connection: Spark itself retries for a minute and then fails with a
     * page of stack traces.
     *
     * @throws IllegalArgumentException with a one-line message when none answers
     */
    static void requireReachable(String master) {
        if (!master.startsWith("spark://")) {
            return;
        }
        String problem = "";
        for (String hostPort : master.substring("spark://".length()).split(",")) {
            int colon = hostPort.lastIndexOf(':');
            String host = colon > 0 ? hostPort.substring(0, colon) : hostPort;
            try (java.net.Socket socket = new java.net.Socket()) {
                int port = colon > 0 ? Integer.parseInt(hostPort.substring(colon + 1)) : 7077;
                socket.connect(new java.net.InetSocketAddress(host, port), 5_000);
                return;
            } catch (java.io.IOException | IllegalArgumentException e) {
                problem = e.getMessage();
            }
        }
        throw new IllegalArgumentException("cannot reach the Spark master at " + master + " (" + problem + ")");
    }

    @Override
    public String name() {
        return "spark";
    }

    @Override
    public boolean ordered() {
        return true;
    }

    public String master() {
        return master;
    }

    /**
     * Scans on Spark. Paths travel as absolute paths (an executor's working folder is not the
     * driver's); each task first checks that its executor can see {@code root} ({@link LibraryVisible}).
     * When the executors are not in this JVM, the CPU time they report is passed on as
     * {@link ScanListener#remoteCpu}.
     */
    @Override
    public List<FileResult> scan(Path root, Workload workload, ScanListener listener) throws InterruptedException {
        Path absoluteRoot = root.toAbsolutePath();
        List<Path> files = ScanSkeleton.list(absoluteRoot, listener);
        if (files.isEmpty()) {
            return List.of();
        }
        List<String> paths = files.stream().map(Path::toString).toList();
        if (borrowed != null) {
            return runJob(borrowed, absoluteRoot, paths, workload, listener);
        }
        try (JavaSparkContext spark = startContext(master)) {
            return runJob(spark, absoluteRoot, paths, workload, listener);
        }
    }

    /** What the executors reported for this scanner's last scan: CPU and run time, tasks per executor, failed tasks. */
    public ExecutorCpu.Totals lastJob() {
        return lastJob;
    }

    /** True for local[N] masters, whose executors are threads of this JVM (their CPU is already in its clock). */
    static boolean executorsInThisJvm(String master) {
        return master.equals("local") || master.startsWith("local[");
    }

    /** How many partitions: the pool's chunking, ceil(n / chunksize) with the pool's chunk size. */
    public int partitionsFor(int files) {
        return Math.max(1, ceilDiv(files, options.chunksizeFor(files)));
    }

    List<FileResult> runJob(JavaSparkContext spark, Path root, List<String> paths, Workload workload, ScanListener listener)
            throws InterruptedException {
        if (spark.sc().isStopped()) {
            throw new IllegalStateException(ClusterFailure.STOPPED);
        }
        int partitions = partitionsFor(paths.size());
        JavaRDD<Processed> results = spark.parallelize(paths, partitions)
                .mapPartitions(new LibraryVisible(root.toString()))
                .map(new PoolTaskFunction<>(new WorkloadTask(workload).timed()))
                .map(new OnExecutor());
        List<Processed>[] arrived = newChunks(partitions);
        CompletableFuture<Void> done = new CompletableFuture<>();
        String group = "parallel-lab scan " + java.util.UUID.randomUUID();
        ExecutorCpu executorCpu = new ExecutorCpu(group);
        spark.sc().addSparkListener(executorCpu);
        try {
            runJob(spark, results, partitions, arrived, done, group, listener);
            ExecutorCpu.Totals totals = executorCpu.awaitTasks(partitions);
            lastJob = totals;
            if (!executorsInThisJvm(spark.master())) {
                listener.remoteCpu(totals.cpuSeconds());
            }
        } finally {
            spark.sc().removeSparkListener(executorCpu);
        }
        List<FileResult> inWalkOrder = new ArrayList<>(paths.size());
        Arrays.stream(arrived).forEach(chunk -> chunk.forEach(processed -> inWalkOrder.add(processed.result())));
        return inWalkOrder;
    }

    private void runJob(JavaSparkContext spark, JavaRDD<Processed> results, int partitions, List<Processed>[] arrived,
                        CompletableFuture<Void> done, String group, ScanListener listener) throws InterruptedException {
        SimpleFutureAction<BoxedUnit> job = withOwnClassLoader(() -> {
            // The group lets ExecutorCpu count this job's tasks only; interruptOnCancel lets cancelling
            // the job interrupt a task stuck in a slow file, not just skip the next one.
            spark.setJobGroup(group, "parallel-lab scan", true);
            return spark.sc().submitJob(
                    results.rdd(),
                    new CollectPartition(),
                    CollectionConverters.asScala(IntStream.range(0, partitions).boxed().map(i -> (Object) i).toList()).toSeq(),
                    (index, chunk) -> {
                        // Runs on the driver as each partition's results arrive: that is the progress.
                        arrived[(Integer) index] = chunk;
                        chunk.forEach(result -> ScanSkeleton.report(listener, result));
                        return BoxedUnit.UNIT;
                    },
                    () -> BoxedUnit.UNIT);
        });
        job.onComplete(outcome -> {
            if (outcome.isSuccess()) {
                done.complete(null);
            } else {
                done.completeExceptionally(outcome.failed().get());
            }
            return BoxedUnit.UNIT;
        }, ExecutionContext$.MODULE$.fromExecutor(Runnable::run));
        try {
            awaitWithExecutors(spark, done, job);
        } catch (InterruptedException e) {
            // Cancels this job only (not cancelAllJobs: a borrowed context may be running others).
            job.cancel();
            throw new InterruptedException("spark scan interrupted: job cancelled");
        } catch (ExecutionException e) {
            throw new IllegalStateException(ClusterFailure.oneLine(e.getCause().getMessage(), spark.master()), e.getCause());
        } finally {
            spark.clearJobGroup();
        }
    }

    /**
     * How long a job may wait without a single executor before the scan gives up. A standalone
     * master keeps relaunching an executor that starts and dies at once (a bad JVM flag, a JDK too
     * old), and keeps an application waiting when no worker has the cores or memory it asks for:
     * without this, the scan would wait for ever.
     */
    static final java.time.Duration NO_EXECUTOR_TIMEOUT = java.time.Duration.ofSeconds(120);

    private static void awaitWithExecutors(JavaSparkContext spark, CompletableFuture<Void> done, SimpleFutureAction<BoxedUnit> job)
            throws InterruptedException, ExecutionException {
        long since = System.nanoTime();
        while (true) {
            try {
                done.get(1, java.util.concurrent.TimeUnit.SECONDS);
                return;
            } catch (java.util.concurrent.TimeoutException stillRunning) {
                // The driver itself is listed among the executors: one entry means none has started.
                if (spark.sc().statusTracker().getExecutorInfos().length > 1) {
                    since = System.nanoTime();
                } else if (System.nanoTime() - since > NO_EXECUTOR_TIMEOUT.toNanos()) {
                    job.cancel();
                    throw new IllegalStateException("no executor started on " + spark.master() + " within " + NO_EXECUTOR_TIMEOUT.toSeconds()
                            + " s: the workers cannot launch one or lack the cores or memory it asks for (the master's web UI and the workers' logs say which)");
                }
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Processed>[] newChunks(int n) {
        return (List<Processed>[]) new List<?>[n];
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }

    /**
     * Spark resolves the task's classes (this scanner's functions, the workload) through the
     * thread's context class loader. When this module has a class loader of its own (a notebook's %jars),
     * that loader must be the context one while the context starts and jobs are submitted.
     */
    private static <T> T withOwnClassLoader(java.util.function.Supplier<T> action) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(SparkScanner.class.getClassLoader());
        try {
            return action.get();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** Turns one partition's results (with their spans) into a list the driver receives in one message. */
    record CollectPartition() implements Function1<scala.collection.Iterator<Processed>, List<Processed>>, Serializable {
        @Override
        public List<Processed> apply(scala.collection.Iterator<Processed> partition) {
            List<Processed> chunk = new ArrayList<>();
            CollectionConverters.asJava(partition).forEachRemaining(chunk::add);
            return chunk;
        }
    }
}

package parallellab.work;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Benchmark, not a test: what the per-file budget ({@link FileBudget}) costs on a clean scan of the
 * bundled library, the hand-off to a helper thread and back for every file. The plain workload and
 * the budgeted one run alternately in one JVM, sequentially over the whole library, and the medians
 * of the CPU time per pass (the caller's and the helper's threads) are compared.
 *
 * <p>First, whole sequential scans: without a budget, with the default budget kept inline (what
 * {@code ./lab scan} does now) and handed off per file (thread CPU time, medians).
 *
 * <p>How to run: {@code ./mvnw -B -ntp -q -pl lib test-compile} then
 * {@code java -cp "lib/target/test-classes:lib/target/classes:lib/target/lib/*" parallellab.work.FileBudgetBench [data/library] [repeats]}
 */
public final class FileBudgetBench {

    public static void main(String[] args) throws Exception {
        Path library = Path.of(args.length > 0 ? args[0] : "data/library");
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 21;
        List<Path> files;
        try (Stream<Path> walk = Files.walk(library)) {
            files = walk.filter(Files::isRegularFile).filter(p -> p.toString().matches(".*\\.(mp3|flac|ogg|m4a|wav)$")).sorted().toList();
        }
        System.out.println("uptime: " + uptime());
        for (Workload plain : List.of(new TagsWorkload(), new AnalyzeWorkload(1))) {
            int n = plain instanceof TagsWorkload ? repeats : Math.max(3, repeats / 4);
            compareScans(plain, library, n);
        }
        for (FileBudget.Mode mode : FileBudget.Mode.values()) {
            compare("tags, " + mode, new TagsWorkload(), mode, files, repeats);
            compare("analyze 1 s, " + mode, new AnalyzeWorkload(1), mode, files, Math.max(3, repeats / 4));
        }
        System.out.println("uptime: " + uptime());
    }

    /**
     * Whole sequential scans, the way {@code ./lab scan} runs them: no budget, the default budget kept
     * inline ({@code Strategies.create} wraps the scanner in a {@code RescuingScanner}), and the
     * default budget handed off per file (the plain scanner). Thread CPU time of this thread and the
     * budget's threads (the inline scan runs on a pooled {@code file-budget-scan-} thread), without
     * the JIT's and the GC's, which drown a difference of a few percent.
     */
    private static void compareScans(Workload plain, Path library, int repeats) throws InterruptedException {
        parallellab.scan.LibraryScanner wrapped = parallellab.scan.Strategies.create("sequential", parallellab.scan.ScanOptions.workers(1));
        parallellab.scan.LibraryScanner bare = new parallellab.scan.SequentialScanner();
        Workload budgeted = plain.withDefaultBudget();
        // The inline budget's scan runs on a pooled thread: the same hop without a budget, to tell the two costs apart.
        java.util.concurrent.ExecutorService hop = java.util.concurrent.Executors.newSingleThreadExecutor(
                task -> Thread.ofPlatform().name("file-budget-bench-hop").daemon(true).unstarted(task));
        List<String> labels = List.of("no budget", "inline (default)", "hand-off", "no budget on a pooled thread");
        List<java.util.concurrent.Callable<Integer>> scans = List.of(
                () -> wrapped.scan(library, plain).size(),
                () -> wrapped.scan(library, budgeted).size(),
                () -> bare.scan(library, budgeted).size(),
                () -> hop.submit(() -> bare.scan(library, plain).size()).get());
        int kinds = scans.size();
        List<List<Double>> cpu = new ArrayList<>();
        for (int k = 0; k < kinds; k++) {
            cpu.add(new ArrayList<>());
        }
        for (int i = -3; i < repeats; i++) { // three warm-up rounds; then rotate which goes first
            for (int k = 0; k < kinds; k++) {
                int which = Math.floorMod(i + k, kinds);
                double spent = threadCpuMillis(scans.get(which));
                if (i >= 0) {
                    cpu.get(which).add(spent);
                }
            }
        }
        double none = median(cpu.get(0));
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-9s sequential scan, median of %d, thread CPU:", plain.name(), repeats));
        hop.shutdown();
        for (int k = 0; k < kinds; k++) {
            double m = median(cpu.get(k));
            line.append(String.format(Locale.ROOT, " %s %.1f ms%s;", labels.get(k), m, k == 0 ? "" : String.format(Locale.ROOT, " (%+.1f%%)", 100 * (m / none - 1))));
        }
        System.out.println(line);
    }

    /** CPU time of a scan's threads: this one and the budget's (helpers, watchdog, scan threads, rescues), which persist between passes. */
    private static double threadCpuMillis(java.util.concurrent.Callable<Integer> scan) {
        Map<Long, Long> before = cpuOfWorkers();
        try {
            if (scan.call() == 0) {
                throw new IllegalStateException("nothing scanned");
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        Map<Long, Long> after = cpuOfWorkers();
        long spent = 0;
        for (Map.Entry<Long, Long> e : after.entrySet()) {
            spent += e.getValue() - before.getOrDefault(e.getKey(), 0L);
        }
        return spent / 1e6;
    }

    private static String uptime() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (java.io.IOException e) {
            return "?";
        }
    }

    private static void compare(String label, Workload plain, FileBudget.Mode mode, List<Path> files, int repeats) {
        Workload budgeted = new FileBudget(plain, FileBudget.defaultFor(plain), mode);
        for (Path f : files) {
            if (!plain.process(f).equals(budgeted.process(f))) {
                throw new IllegalStateException("the budget changed the result for " + f);
            }
        }
        for (int warm = 0; warm < 3; warm++) {
            run(plain, files);
            run(budgeted, files);
        }
        List<Double> without = new ArrayList<>();
        List<Double> with = new ArrayList<>();
        for (int i = 0; i < repeats; i++) { // alternating which goes first, so neither always runs on a warmer cache
            if (i % 2 == 0) {
                without.add(run(plain, files));
                with.add(run(budgeted, files));
            } else {
                with.add(run(budgeted, files));
                without.add(run(plain, files));
            }
        }
        double a = median(without);
        double b = median(with);
        System.out.printf(Locale.ROOT, "%-22s %d files, median of %d, CPU time: without %.1f ms, with budget %.1f ms, cost %+.1f%% (%.1f us/file)%n",
                label, files.size(), repeats, a, b, 100 * (b / a - 1), 1000 * (b - a) / files.size());
    }

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /**
     * One pass's CPU time in ms, of the calling thread and of the budget's helper threads: the work
     * and the hand-offs, without the JIT's and the GC's threads, which on a shared machine drown a
     * difference of a few microseconds per file.
     */
    private static double run(Workload work, List<Path> files) {
        Map<Long, Long> before = cpuOfWorkers();
        int ok = 0;
        for (Path f : files) {
            ok += work.process(f).ok() ? 1 : 0;
        }
        if (ok == 0) {
            throw new IllegalStateException("no file read");
        }
        Map<Long, Long> after = cpuOfWorkers();
        long spent = 0;
        for (Map.Entry<Long, Long> e : after.entrySet()) {
            spent += e.getValue() - before.getOrDefault(e.getKey(), 0L); // a thread that ended meanwhile was idle
        }
        return spent / 1e6;
    }

    /** CPU time so far of this thread and of each of the budget's threads (helpers, watchdog), by thread id. */
    private static Map<Long, Long> cpuOfWorkers() {
        Map<Long, Long> cpu = new HashMap<>();
        cpu.put(Thread.currentThread().threadId(), THREADS.getCurrentThreadCpuTime());
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("file-budget-")) {
                cpu.put(t.threadId(), Math.max(0, THREADS.getThreadCpuTime(t.threadId())));
            }
        }
        return cpu;
    }

    private static double median(List<Double> xs) {
        double[] s = xs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return s[s.length / 2];
    }
}

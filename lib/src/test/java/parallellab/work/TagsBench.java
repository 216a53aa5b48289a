package parallellab.work;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import parallellab.scan.LibraryWalker;

/**
 * Benchmark, not a test: milliseconds per file for each format, jaudiotagger as-is beside our tuned
 * reader, warm (one warm-up pass, then the median of 5 passes), sequential, in one JVM.
 *
 * <p>The as-is Ogg figure is the profiling lesson's hot spot: the byte-by-byte search for the last
 * page. The mutagen column holds the reference figures measured with Python's mutagen on the same
 * kind of files (tools/mutagen_bench.py measures them on yours).
 *
 * <p>How to run: {@code ./mvnw -B -ntp -q -pl lib test-compile} then
 * {@code java -cp "lib/target/test-classes:lib/target/classes:lib/target/lib/*" parallellab.work.TagsBench data/library}
 */
public final class TagsBench {

    private static final int PASSES = 5;

    /** mutagen 1.47, warm, ms per file on the reference machine. */
    private static final Map<String, Double> MUTAGEN_MS = Map.of("flac", 0.13, "m4a", 0.30, "mp3", 0.17, "ogg", 0.13);

    public static void main(String[] args) throws Exception {
        Path library = Path.of(args.length > 0 ? args[0] : System.getProperty("parallellab.data", "data") + "/library");
        Map<String, List<Path>> byFormat = new TreeMap<>();
        TagsWorkload tuned = new TagsWorkload();
        TagsWorkload asIs = TagsWorkload.jaudiotaggerAsIs();
        for (Path file : LibraryWalker.audioFiles(library)) {
            if (tuned.process(file) instanceof FileResult.Ok ok) {
                byFormat.computeIfAbsent(ok.song().format(), f -> new ArrayList<>()).add(file);
            }
        }
        for (List<Path> files : byFormat.values()) {
            msPerFile(asIs, files); // warm-up: class loading and JIT for both readers
            msPerFile(tuned, files);
        }
        Map<String, double[][]> samples = new TreeMap<>();
        for (int pass = 0; pass < PASSES; pass++) {
            for (Map.Entry<String, List<Path>> e : byFormat.entrySet()) {
                double[][] s = samples.computeIfAbsent(e.getKey(), f -> new double[2][PASSES]);
                s[0][pass] = msPerFile(asIs, e.getValue()); // interleaved, so load spikes hit both alike
                s[1][pass] = msPerFile(tuned, e.getValue());
            }
        }
        System.out.println("ms per file, " + ("wall".equals(System.getProperty("bench.clock")) ? "wall clock" : "thread CPU time (user + sys)")
                + ", median of " + PASSES + " warm passes");
        System.out.printf("%-6s %6s %12s %12s %9s %12s %14s%n", "format", "files", "as-is ms", "tuned ms", "speedup", "mutagen ms", "tuned/mutagen");
        for (Map.Entry<String, double[][]> e : samples.entrySet()) {
            double before = median(e.getValue()[0]);
            double after = median(e.getValue()[1]);
            Double mutagen = MUTAGEN_MS.get(e.getKey());
            System.out.printf("%-6s %6d %12.3f %12.3f %8.1fx %12s %14s%n", e.getKey(), byFormat.get(e.getKey()).size(), before, after,
                    before / after, mutagen == null ? "-" : String.format("%.2f", mutagen),
                    mutagen == null ? "-" : String.format("%.1fx", after / mutagen));
        }
    }

    /**
     * CPU time (user + sys) of this thread per file, not wall-clock time: on a shared, busy machine
     * the wall clock also counts the time other processes held the core, CPU time does not.
     * {@code -Dbench.clock=wall} measures wall-clock time instead.
     */
    private static double msPerFile(Workload workload, List<Path> files) {
        boolean wall = "wall".equals(System.getProperty("bench.clock"));
        long start = wall ? System.nanoTime() : THREADS.getCurrentThreadCpuTime();
        for (Path file : files) {
            workload.process(file);
        }
        long end = wall ? System.nanoTime() : THREADS.getCurrentThreadCpuTime();
        return (end - start) / 1e6 / files.size();
    }

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}

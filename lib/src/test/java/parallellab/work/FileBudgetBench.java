package parallellab.work;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Benchmark, not a test: what the per-file budget ({@link FileBudget}) costs on a clean scan of the
 * bundled library, the hand-off to a helper thread and back for every file. The plain workload and
 * the budgeted one run alternately in one JVM, sequentially over the whole library, and the medians
 * of the wall times are compared.
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
        compare("tags", new TagsWorkload(), files, repeats);
        compare("analyze 1 s", new AnalyzeWorkload(1), files, Math.max(3, repeats / 4));
    }

    private static void compare(String label, Workload plain, List<Path> files, int repeats) {
        Workload budgeted = plain.withDefaultBudget();
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
        for (int i = 0; i < repeats; i++) {
            without.add(run(plain, files));
            with.add(run(budgeted, files));
        }
        double a = median(without);
        double b = median(with);
        System.out.printf(Locale.ROOT, "%-12s %d files, median of %d: without %.1f ms, with budget %.1f ms, cost %+.1f%% (%.1f us/file)%n",
                label, files.size(), repeats, a, b, 100 * (b / a - 1), 1000 * (b - a) / files.size());
    }

    private static double run(Workload work, List<Path> files) {
        long start = System.nanoTime();
        int ok = 0;
        for (Path f : files) {
            ok += work.process(f).ok() ? 1 : 0;
        }
        if (ok == 0) {
            throw new IllegalStateException("no file read");
        }
        return (System.nanoTime() - start) / 1e6;
    }

    private static double median(List<Double> xs) {
        double[] s = xs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return s[s.length / 2];
    }
}

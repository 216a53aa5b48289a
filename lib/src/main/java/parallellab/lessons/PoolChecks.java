package parallellab.lessons;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.DoubleFunction;
import parallellab.pool.NotSendableException;
import parallellab.pool.PoolTask;
import parallellab.pool.ProcessPool;
import parallellab.pool.RemoteTaskException;
import parallellab.scan.LibraryWalker;
import parallellab.work.AnalyzeWorkload;
import parallellab.work.FileResult;
import parallellab.work.TagsWorkload;

/**
 * The checks of lesson 04's exercises: a task record that carries its extra arguments to the
 * worker JVMs (the {@code partial} of the post), and a progress display built on
 * {@code imapUnordered}. Both run in a real pool of worker JVMs, which the check closes.
 */
public final class PoolChecks {

    private static final int WORKERS = 2;

    /** A progress display: run the task over the paths in the pool, and {@code show} a line as each result arrives. */
    @FunctionalInterface
    public interface ProgressLoop {
        void run(ProcessPool pool, PoolTask<String, FileResult> task, List<String> paths, Consumer<String> show) throws Exception;
    }

    private PoolChecks() {}

    /**
     * Checks a task that analyses the first {@code seconds} of a file: {@code make} builds it for a
     * number of seconds (a record's constructor, {@code FirstSeconds::new}). It is sent to worker
     * JVMs for two values, and each answer must be the lib's {@code AnalyzeWorkload} for that value.
     */
    public static void partialTask(DoubleFunction<? extends PoolTask<String, FileResult>> make, Path library) {
        Verdict.print(() -> checkPartialTask(make, library));
    }

    /** Checks a progress display: one line per file, while the pool is still working, ending with "n of n". */
    public static void progress(ProgressLoop loop, Path library) {
        Verdict.print(() -> checkProgress(loop, library));
    }

    @SuppressWarnings("unchecked")
    static Verdict checkPartialTask(DoubleFunction<? extends PoolTask<String, FileResult>> make, Path library) throws Exception {
        List<String> paths = LibraryWalker.audioFiles(library).stream().limit(6).map(p -> p.toAbsolutePath().toString()).toList();
        double[] seconds = {0.5, 1.5};
        PoolTask<String, FileResult> made = make.apply(seconds[0]);
        List<PoolTask<String, FileResult>> tasks = new ArrayList<>();
        for (Object task : CellClassFolder.reloaded(List.of(made, make.apply(seconds[1])))) {
            tasks.add((PoolTask<String, FileResult>) task);
        }
        ProcessPool.Builder builder = ProcessPool.builder(WORKERS).addClassPathOf(tasks.get(0).getClass());
        for (Class<?> linked : CellClassFolder.linkedClasses(made.getClass())) {
            builder.addClassPathOf(linked);
        }
        try (ProcessPool pool = builder.build()) {
            for (int i = 0; i < seconds.length; i++) {
                List<FileResult> results;
                try {
                    results = pool.map(tasks.get(i), paths);
                } catch (NotSendableException e) {
                    return Verdict.wrong("the task cannot be sent: " + e.getMessage().lines().findFirst().orElse(""));
                } catch (RemoteTaskException e) {
                    return Verdict.wrong("your task threw in the worker JVM: " + Verdict.describe(e)
                            + (e.getMessage() != null && e.getMessage().contains("REPL") ? " (does it use a variable of another cell? pass it as a field)" : ""));
                }
                AnalyzeWorkload reference = new AnalyzeWorkload(seconds[i]);
                for (int f = 0; f < paths.size(); f++) {
                    FileResult expected = reference.process(Path.of(paths.get(f)));
                    FileResult got = results.get(f);
                    if (!expected.ok()) {
                        continue;
                    }
                    if (!(got instanceof FileResult.Ok ok) || !ok.analysis().isPresent()) {
                        return Verdict.wrong("the results carry no analysis: analyse the file, as new AnalyzeWorkload(seconds).process(...) does, instead of reading only its tags.");
                    }
                    double analysed = ok.analysis().analysedSeconds();
                    if (Math.abs(analysed - seconds[i]) > 0.05) {
                        return Verdict.wrong(String.format(Locale.ROOT, "made for %.1f s, the task analysed %.2f s of %s: "
                                + "use the record's own field, which travels with it to every worker.", seconds[i], analysed, Path.of(paths.get(f)).getFileName()));
                    }
                }
            }
        }
        return Verdict.right("the task travelled to " + WORKERS + " worker JVMs with its seconds inside it, and analysed "
                + seconds[0] + " s and then " + seconds[1] + " s of each of " + paths.size() + " files: the record is the partial.");
    }

    static Verdict checkProgress(ProgressLoop loop, Path library) throws Exception {
        List<String> paths = LibraryWalker.audioFiles(library).stream().limit(12).map(p -> p.toAbsolutePath().toString()).toList();
        List<Long> when = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        Consumer<String> show = line -> {
            synchronized (lines) {
                when.add(System.nanoTime());
                lines.add(String.valueOf(line));
            }
        };
        try (ProcessPool pool = ProcessPool.create(WORKERS)) {
            pool.awaitReady();
            loop.run(pool, new SlowTags(60), paths, show);
        }
        int n = paths.size();
        synchronized (lines) {
            if (lines.isEmpty()) {
                return Verdict.wrong("nothing was shown: call show.accept(...) with a line such as \"3 of " + n + " files\" as each result arrives.");
            }
            if (lines.size() < n) {
                return Verdict.wrong(lines.size() + (lines.size() == 1 ? " update" : " updates") + " for " + n
                        + " files: show a line for each result as it arrives, in the callback of pool.imapUnordered(task, paths, 1, outcome -> ...).");
            }
            double spreadMs = (when.get(when.size() - 1) - when.get(0)) / 1e6;
            if (spreadMs < 100) {
                return Verdict.wrong(String.format(Locale.ROOT, "all %d updates came within %.0f ms, after the work was done: "
                        + "imapUnordered hands over each result as it arrives, map only at the end.", lines.size(), spreadMs));
            }
            String last = lines.get(lines.size() - 1);
            if (!last.contains(n + " of " + n)) {
                return Verdict.wrong("the last line is \"" + last + "\", not \"" + n + " of " + n + " files\": count the results as they arrive.");
            }
            return Verdict.right(String.format(Locale.ROOT, "%d updates over %.1f s while the workers ran, the last \"%s\".", lines.size(), spreadMs / 1000, last));
        }
    }

    /** Reads a file's tags after a pause: a task slow enough for progress to be seen. */
    public record SlowTags(long millis) implements PoolTask<String, FileResult> {
        @Override
        public FileResult apply(String path) throws InterruptedException {
            Thread.sleep(millis);
            return new TagsWorkload().process(Path.of(path));
        }
    }
}

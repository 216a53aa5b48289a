package parallellab.scan;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import parallellab.gil.Gil;
import parallellab.measure.FileSpan;
import parallellab.work.FileResult;
import parallellab.work.Workload;

/**
 * What every scanner does the same way, written once, so each scanner's file shows only how it
 * hands out files: walking with progress and interrupts ({@link #walk}, {@link #list}), the one
 * per-file step that every worker calls, in a thread, a worker JVM or a Spark executor
 * ({@link #timed}: {@link #process} and its span on the worker timeline), telling the listener
 * ({@link #report}), and stopping the threads a scan started ({@link #stop}).
 *
 * <p>A learner's own scanner in a notebook is built from the same pieces.
 */
public final class ScanSkeleton {

    private ScanSkeleton() {}

    /** Takes one walked file; may wait, so it may be interrupted. */
    @FunctionalInterface
    public interface FileSink {
        void accept(Path file) throws InterruptedException;
    }

    /**
     * Walks the library, telling the listener about each file before handing it to the sink, and
     * stops with an {@link InterruptedException} when the walking thread is interrupted.
     *
     * @return how many files were found
     */
    public static int walk(Path root, ScanListener listener, FileSink sink) throws InterruptedException {
        LibraryWalker.requireLibraryFolder(root);
        int[] found = {0};
        try {
            new LibraryWalker().walk(root, file -> {
                if (Thread.currentThread().isInterrupted()) {
                    throw new WalkInterrupted();
                }
                listener.found(file);
                try {
                    sink.accept(file);
                } catch (InterruptedException e) {
                    throw new WalkInterrupted();
                }
                found[0]++;
            });
        } catch (WalkInterrupted e) {
            Thread.interrupted();
            throw new InterruptedException("scan interrupted while walking the library");
        }
        listener.walkFinished(found[0]);
        return found[0];
    }

    /** Walks the whole library first, for scanners that hand out a finished list. */
    public static List<Path> list(Path root, ScanListener listener) throws InterruptedException {
        List<Path> files = new ArrayList<>();
        walk(root, listener, files::add);
        return files;
    }

    /**
     * The per-file step, which every scanner's worker runs for each file through {@link #timed}:
     * processes the file holding the GIL (when one is on), and turns a workload that throws into a
     * {@link FileResult.Failed}: a workload should never throw, but if one does, one file fails
     * rather than a worker thread dying and the scan hanging or ending. That includes the errors one
     * file can cause, a parser recursing too deep or a codec class that cannot load (a jar replaced
     * under a running JVM); only running out of memory still ends the scan.
     */
    public static FileResult process(Workload workload, Path file) {
        try (Gil.Hold held = Gil.hold()) {
            FileResult result = workload.process(file);
            return result != null ? result : new FileResult.Failed(file, workload.name() + " returned no result");
        } catch (RuntimeException | StackOverflowError | LinkageError e) {
            return new FileResult.Failed(file, workload.name() + " crashed: " + e);
        }
    }

    /**
     * The per-file step with its bar on the worker timeline: {@link #process}, and who ran it (this
     * thread's name; a worker JVM or a Spark executor renames it with {@link Processed#on}), from
     * when to when, and how long it waited for the GIL (getting in and at each switch). The span
     * names the file as its result does, by its absolute path. The recording costs two clock reads
     * and one small record per file.
     */
    public static Processed timed(Workload workload, Path file) {
        long waitedBefore = Gil.waitedNanos();
        if (waitedBefore != 0) {
            Gil.takeWaits(); // waits from before this file (none unless a GIL was ever on)
        }
        long start = FileSpan.nowMicros();
        FileResult result = process(workload, file);
        long end = FileSpan.nowMicros();
        long waitedNanos = Gil.waitedNanos() - waitedBefore;
        long waited = waitedNanos / 1_000;
        long[] waits = waitedNanos != 0 ? Gil.takeWaits() : null;
        return new Processed(result, new FileSpan(workerName(), result.path(), start, end, Math.min(waited, end - start), 0, waits));
    }

    /** This thread's name, or "virtual 42" / "thread 42" for a thread without one (virtual threads have none). */
    static String workerName() {
        Thread me = Thread.currentThread();
        String name = me.getName();
        return name.isEmpty() ? (me.isVirtual() ? "virtual " : "thread ") + me.threadId() : name;
    }

    /**
     * {@link #timed} then {@link #report}: what a worker thread does with each file.
     */
    public static FileResult processAndReport(Workload workload, Path file, ScanListener listener) {
        Processed processed = timed(workload, file);
        report(listener, processed);
        return processed.result();
    }

    /** Tells the listener a file is done ({@link #report(ScanListener, FileResult)}), then gives it the file's span. */
    public static void report(ScanListener listener, Processed processed) {
        report(listener, processed.result());
        try {
            listener.timed(processed.span());
        } catch (RuntimeException listenerBug) {
            Thread worker = Thread.currentThread();
            worker.getUncaughtExceptionHandler().uncaughtException(worker, listenerBug);
        }
    }

    /**
     * Tells the listener a file is done. A listener that throws is reported like an uncaught
     * exception but does not end the worker, which would leave its files undone and the scan waiting
     * forever.
     */
    public static void report(ScanListener listener, FileResult result) {
        try {
            listener.finished(result);
        } catch (RuntimeException listenerBug) {
            Thread worker = Thread.currentThread();
            worker.getUncaughtExceptionHandler().uncaughtException(worker, listenerBug);
        }
    }

    /** The values of finished futures, in order; a task that died with an Error rethrows it. */
    public static List<FileResult> valuesOf(List<Future<FileResult>> futures) throws InterruptedException {
        List<FileResult> results = new ArrayList<>(futures.size());
        for (Future<FileResult> future : futures) {
            results.add(valueOf(future));
        }
        return results;
    }

    /** The value of a future, waiting for it; a task that died with an Error rethrows it. */
    public static FileResult valueOf(Future<FileResult> future) throws InterruptedException {
        try {
            return future.get();
        } catch (ExecutionException e) {
            throw unchecked(e);
        }
    }

    public static RuntimeException unchecked(ExecutionException e) {
        if (e.getCause() instanceof Error error) {
            throw error;
        }
        if (e.getCause() instanceof RuntimeException runtime) {
            return runtime;
        }
        return new IllegalStateException("a scan task failed: " + e.getCause(), e.getCause());
    }

    /**
     * Stops threads this scan started and waits until they are gone. An interrupt wakes a worker
     * from {@code take()} or a slow file; it is repeated in case a workload swallowed the first one.
     * The wait is not cut short by a second interrupt of the caller, so no thread is ever left
     * behind; the caller's interrupt is kept for it to see.
     */
    public static void stop(List<? extends Thread> threads) {
        boolean interrupted = false;
        for (Thread thread : threads) {
            while (thread.isAlive()) {
                thread.interrupt();
                try {
                    thread.join(100);
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Carries an interrupt out of the walker's callback, which cannot throw a checked exception. */
    private static final class WalkInterrupted extends RuntimeException {
        WalkInterrupted() {
            super(null, null, false, false);
        }
    }
}

package parallellab.fuzz;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import parallellab.scan.LibraryScanner;
import parallellab.scan.ScanOptions;
import parallellab.scan.Strategies;
import parallellab.work.FileResult;
import parallellab.work.Workload;

/**
 * One scan of a fuzzed folder, watched from outside: it runs on its own thread, and if it has not
 * returned within {@code limit} it is reported as a hang (with where it was stuck) instead of
 * hanging the caller. Shared by the fuzz test and {@code tools/fuzz}.
 */
public record FuzzScan(String strategy, String workload, List<FileResult> results, Throwable escaped, String hang, double wallSeconds) {

    public static FuzzScan run(String strategy, Workload work, Path folder, int workers, Duration limit) throws InterruptedException {
        LibraryScanner scanner = Strategies.create(strategy, ScanOptions.workers(workers));
        AtomicReference<List<FileResult>> results = new AtomicReference<>(List.of());
        AtomicReference<Throwable> escaped = new AtomicReference<>();
        long start = System.nanoTime();
        Thread scanning = Thread.ofPlatform().name("fuzz-scan-" + strategy).daemon(true).start(() -> {
            try {
                results.set(scanner.scan(folder, work));
            } catch (Throwable e) {
                escaped.set(e);
            }
        });
        scanning.join(limit);
        double wall = (System.nanoTime() - start) / 1e9;
        String hang = null;
        if (scanning.isAlive()) {
            List<String> where = new ArrayList<>();
            for (StackTraceElement frame : scanning.getStackTrace()) {
                where.add(frame.toString());
            }
            hang = "still running after " + limit.toSeconds() + " s at " + String.join(" < ", where.subList(0, Math.min(6, where.size())));
            scanning.interrupt();
            scanning.join(Duration.ofSeconds(10));
        }
        return new FuzzScan(strategy, work.name(), Collections.unmodifiableList(results.get()), escaped.get(), hang, wall);
    }
}

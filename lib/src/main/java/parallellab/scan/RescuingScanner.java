package parallellab.scan;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import parallellab.work.FileBudget;
import parallellab.work.FileResult;
import parallellab.work.InlineBudget;
import parallellab.work.Rescue;
import parallellab.work.Workload;

/**
 * Wraps an in-process scanner so that a file budget can be kept on the scanner's own threads, and
 * the scan still completes when a thread ignores the interrupt.
 *
 * <p>Java cannot stop a thread, so a budget that must always win has two choices. Hand every file
 * to a helper thread and wait for it ({@link FileBudget.Mode#HAND_OFF}): two thread wake-ups per
 * file, paid by every clean file. Or run the file where the scanner calls it, and, in the rare case
 * that a thread does not stop, carry on without that thread: that is this class. The scanner runs
 * on a thread of its own while the caller waits; the workload is the budget kept inline
 * ({@link InlineBudget}). When the budget abandons a thread, the file is reported failed, and a
 * rescue thread runs every file that no one has reported or begun, while the scanner's other
 * threads go on; once every walked file is reported, the caller returns the results in walk order
 * and leaves the stuck scanner behind. Each strategy keeps its own way of handing out files.
 *
 * <p>The trade-off: a scan thread (pooled) and a map of reported files per scan, instead of two
 * wake-ups per file; when a thread is abandoned, the scanner's own thread stays behind too, waiting
 * for it. A budget that is not the default hand-off, or no budget, passes straight through; a scan
 * under the GIL is not wrapped ({@link Strategies#create}): a deaf thread would hold the GIL for ever.
 */
public final class RescuingScanner implements LibraryScanner {

    /** How often the waiting caller checks whether a rescued scan has reported every file. */
    private static final Duration POLL = Duration.ofMillis(20);

    /** How long an interrupted scan waits for its scanner to stop its workers before it gives up on them. */
    private static final Duration STOP_WAIT = Duration.ofMillis(1500);

    /**
     * How long a scan thread waits for the next scan. A thread that has run a scan before has its
     * caches warm (thread-locals, allocation buffers): a fresh thread per scan costs a warm
     * {@code tags} scan of the bundled library about 14% more CPU.
     */
    private static final Duration RUNNER_KEEP_ALIVE = Duration.ofSeconds(1);

    private static final AtomicLong RESCUE_NUMBERS = new AtomicLong();

    private final LibraryScanner scanner;
    private final ExecutorService runners = newRunners();

    public RescuingScanner(LibraryScanner scanner) {
        this.scanner = scanner;
    }

    @Override
    public String name() {
        return scanner.name();
    }

    @Override
    public boolean ordered() {
        return scanner.ordered();
    }

    /** The wrapped scanner's, so that a notebook shows the strategy, not this wrapper. */
    @Override
    public String toString() {
        return scanner.toString();
    }

    @Override
    public List<FileResult> scan(Path root, Workload workload, ScanListener listener) throws InterruptedException {
        if (!(workload instanceof FileBudget budget) || budget.mode() != FileBudget.Mode.HAND_OFF) {
            return scanner.scan(root, workload, listener);
        }
        Scan scan = new Scan(listener);
        InlineBudget inline = budget.inline(scan);
        scan.inline = inline;
        runners.execute(() -> scan.run(() -> scanner.scan(root, inline, scan)));
        try {
            while (true) {
                boolean ended = scan.ran.await(POLL.toMillis(), TimeUnit.MILLISECONDS);
                if (scan.complete()) {
                    scan.over = true;
                    inline.close();
                    return scan.inWalkOrder(); // a thread was abandoned; the scanner may wait for it, we do not
                }
                if (ended && (!scan.rescuing || scan.failure != null)) {
                    break;
                }
                if (ended) {
                    Thread.sleep(POLL); // the rescue is running the last files
                }
            }
        } catch (InterruptedException e) {
            scan.interruptScanner(); // it stops its workers; a worker deaf to that is not waited for (the watchdog still counts it)
            boolean ended = awaitUninterruptibly(scan.ran, STOP_WAIT);
            scan.over = true;
            throw ended && scan.failure instanceof InterruptedException i ? i : new InterruptedException("scan interrupted");
        }
        scan.over = true;
        inline.close();
        if (scan.rescuing) {
            return scan.inWalkOrder();
        }
        switch (scan.failure) {
            case null -> {
                return scan.results;
            }
            case InterruptedException i -> throw i;
            case RuntimeException r -> throw r;
            case Error e -> throw e;
            default -> throw new IllegalStateException("the scan failed: " + scan.failure, scan.failure);
        }
    }

    /** A new daemon thread for each scan that finds none idle; an idle one ends after {@link #RUNNER_KEEP_ALIVE}. */
    private static ExecutorService newRunners() {
        AtomicLong numbers = new AtomicLong();
        return new ThreadPoolExecutor(0, Integer.MAX_VALUE, RUNNER_KEEP_ALIVE.toMillis(), TimeUnit.MILLISECONDS, new SynchronousQueue<>(),
                task -> Thread.ofPlatform().name("file-budget-scan-" + numbers.incrementAndGet()).daemon(true).unstarted(task));
    }

    private static boolean awaitUninterruptibly(CountDownLatch latch, Duration atMost) {
        long end = System.nanoTime() + atMost.toNanos();
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return latch.await(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS);
                } catch (InterruptedException again) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** One scan: what was walked and reported, the claims once a rescue has begun, and the rescue thread. */
    private static final class Scan implements Rescue, ScanListener {
        private final ScanListener listener;
        private final List<Path> walked = new ArrayList<>(); // guarded by itself
        // Sized for a library of a few thousand files: growing a concurrent map costs a clean tags scan about 1%.
        private final ConcurrentHashMap<String, FileResult> reported = new ConcurrentHashMap<>(4096);
        private final Set<String> claims = ConcurrentHashMap.newKeySet();
        private volatile int total = -1;
        volatile boolean rescuing;
        volatile boolean over;
        private Thread rescuer; // guarded by this
        private Thread runner; // guarded by this: the scan thread while it runs this scan
        final CountDownLatch ran = new CountDownLatch(1);
        InlineBudget inline;
        List<FileResult> results;
        Throwable failure;

        Scan(ScanListener listener) {
            this.listener = listener;
        }

        /** The scanner's own run, on a scan thread. */
        void run(Scanning scanning) {
            synchronized (this) {
                runner = Thread.currentThread();
            }
            try {
                results = scanning.scan();
            } catch (Throwable t) {
                failure = t;
            } finally {
                synchronized (this) {
                    runner = null;
                    Thread.interrupted(); // an interrupt meant for this scan, not for the thread's next one
                }
                ran.countDown();
            }
        }

        /** Interrupts the scanner's thread, if it is still running this scan. */
        synchronized void interruptScanner() {
            if (runner != null) {
                runner.interrupt();
            }
        }

        @Override
        public void found(Path file) {
            synchronized (walked) {
                walked.add(file);
            }
            listener.found(file);
        }

        @Override
        public void walkFinished(int count) {
            total = count;
            listener.walkFinished(count);
        }

        @Override
        public void finished(FileResult result) {
            if (!InlineBudget.takenOver(result) && reported.putIfAbsent(result.path(), result) == null) {
                listener.finished(result);
            }
        }

        @Override
        public void remoteCpu(double seconds) {
            listener.remoteCpu(seconds);
        }

        @Override
        public boolean rescuing() {
            return rescuing;
        }

        @Override
        public boolean claim(Path file) {
            return claims.add(file.toAbsolutePath().toString());
        }

        @Override
        public void abandoned(Thread thread, Path file, FileResult.Failed failed) {
            rescuing = true;
            ScanSkeleton.report(this, failed);
            synchronized (this) {
                if (rescuer == null || rescuer == thread || !rescuer.isAlive()) {
                    rescuer = Thread.ofPlatform().name("file-budget-rescue-" + RESCUE_NUMBERS.incrementAndGet()).daemon(true)
                            .unstarted(this::rescue);
                    rescuer.start();
                }
            }
        }

        /** The rescue thread: runs, in walk order, every walked file no one has reported or claimed. */
        private void rescue() {
            for (int next = 0; !over; ) {
                Path file = null;
                synchronized (walked) {
                    if (next < walked.size()) {
                        file = walked.get(next++);
                    }
                }
                if (file == null) {
                    if (total >= 0 && next >= total) {
                        return;
                    }
                    try {
                        Thread.sleep(5); // the walk is still going
                    } catch (InterruptedException e) {
                        return;
                    }
                    continue;
                }
                if (!reported.containsKey(file.toAbsolutePath().toString())) {
                    finished(ScanSkeleton.process(inline, file));
                }
                synchronized (this) {
                    if (rescuer != Thread.currentThread()) {
                        return; // this thread was itself abandoned, and replaced, while it ran that file
                    }
                }
            }
        }

        /** True once a rescue has begun and every walked file is reported. */
        boolean complete() {
            int count = total;
            return rescuing && count >= 0 && reported.size() >= count;
        }

        List<FileResult> inWalkOrder() {
            List<FileResult> inOrder = new ArrayList<>();
            synchronized (walked) {
                for (Path file : walked) {
                    FileResult result = reported.get(file.toAbsolutePath().toString());
                    inOrder.add(result != null ? result : new FileResult.Failed(file, "not reported (the scan was cut short)"));
                }
            }
            return inOrder;
        }
    }

    /** A scanner's run, which may be interrupted. */
    @FunctionalInterface
    private interface Scanning {
        List<FileResult> scan() throws InterruptedException;
    }

    /*
     * How to run it: every in-process strategy of Strategies.create is wrapped, so
     *   ./lab scan data/library --workload tags --strategy queue-threads
     * keeps its default budget inline; a FileBudget used on its own (work.process(file)) hands off.
     */
}

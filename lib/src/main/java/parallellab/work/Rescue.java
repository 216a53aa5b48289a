package parallellab.work;

import java.nio.file.Path;

/**
 * What a scan does so that it can go on without a thread that ignored the interrupt: the partner of
 * an {@link InlineBudget}. The budget runs each file on the scanner's own thread; when a file is
 * over budget and its thread does not stop, the budget reports that file as failed here, and the
 * scan has the files that thread would have done run by a fresh one.
 *
 * <p>Once a rescue has begun, the scanner's threads and the fresh one may reach the same file: each
 * claims a file before it runs it (and a file begun before the rescue, after), so that every file
 * is reported once.
 */
public interface Rescue {

    /** True once a thread has been abandoned: from then on files are claimed. */
    boolean rescuing();

    /** Takes {@code file} for the calling thread; false when another thread has taken it. */
    boolean claim(Path file);

    /** The thread running {@code file} ignored the interrupt and is left behind; the file ends as {@code failed}. */
    void abandoned(Thread thread, Path file, FileResult.Failed failed);
}

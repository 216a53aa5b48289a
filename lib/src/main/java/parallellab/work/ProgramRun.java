package parallellab.work;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;

/**
 * Runs an external program to the end and collects what it printed: the Java {@code subprocess.run}.
 *
 * <p>Both pipes are drained at the same time by two short-lived virtual threads: a child that fills
 * the pipe we are not reading blocks forever, and so would we. The wait has a timeout, after which
 * the child is killed. If our thread is interrupted the child is killed too and the interrupt flag
 * is restored, so a scanner that is being stopped sees it.
 *
 * @param exitCode the child's exit status
 * @param stdout   what it wrote to standard output, as UTF-8
 * @param stderr   what it wrote to standard error, as UTF-8
 */
public record ProgramRun(int exitCode, String stdout, String stderr) {

    /** The program did not finish in time and was killed. */
    public static final class TimeoutException extends IOException {
        TimeoutException(String message) {
            super(message);
        }
    }

    /** Starts {@code command} and waits up to {@code timeout} for it to finish. */
    public static ProgramRun run(List<String> command, Duration timeout) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).start();
        try {
            process.getOutputStream().close(); // the child reads nothing from us
            FutureTask<byte[]> out = drain(process.getInputStream());
            FutureTask<byte[]> err = drain(process.getErrorStream());
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new TimeoutException(command.getFirst() + " took longer than " + timeout.toSeconds() + " s and was stopped");
            }
            return new ProgramRun(process.exitValue(), text(out), text(err));
        } finally {
            if (process.isAlive()) {
                process.destroyForcibly(); // timeout, interrupt or error: no child outlives its call
                awaitDeath(process);
            }
            process.getInputStream().close();
            process.getErrorStream().close();
        }
    }

    /** Waits (briefly) until the killed child is reaped, even when our thread is being interrupted. */
    private static void awaitDeath(Process process) {
        boolean interrupted = Thread.interrupted();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (process.isAlive() && System.nanoTime() < deadline) {
            try {
                process.waitFor(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static FutureTask<byte[]> drain(InputStream in) {
        FutureTask<byte[]> task = new FutureTask<>(in::readAllBytes);
        Thread.ofVirtual().name("drain").start(task);
        return task;
    }

    private static String text(FutureTask<byte[]> drained) throws IOException, InterruptedException {
        try {
            return new String(drained.get(), StandardCharsets.UTF_8);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        }
    }
}

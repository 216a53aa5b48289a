package parallellab.pool;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.List;
import parallellab.measure.ProcStat;
import parallellab.measure.ProcStatus;

/**
 * The messages between the parent and a worker JVM, and how they travel over the pipes.
 *
 * <p>Each message is a serialized record sent as one frame: its length, then its bytes. Framing
 * keeps the stream in step even when a frame cannot be decoded (a class missing in the worker):
 * that message fails, the next one is read as usual.
 */
final class Wire {

    private Wire() {}

    /** Parent to worker, first: who you are and what to run before the first task. */
    record Hello(int workerId, WorkerInitializer initializer) implements Serializable {}

    /** Worker to parent: started and initialised, waiting for work. */
    record Ready(long pid) implements Serializable {}

    /** Worker to parent instead of {@link Ready}: the initializer threw. */
    record StartFailed(Thrown error) implements Serializable {}

    /** Parent to worker: one chunk, the task and its arguments. */
    record Batch(PoolTask<?, ?> task, List<?> args) implements Serializable {}

    /**
     * Worker to parent: one result per argument, in order, and what the worker has cost so far;
     * {@code retire} when a task asked for this worker to be replaced ({@link Worker#retireAfterChunk()}),
     * and how many threads its tasks left running because they would not stop.
     */
    record BatchDone(List<Result> results, Usage usage, boolean retire, int threadsLeftBehind) implements Serializable {}

    /** Worker to parent, last: its stdin closed, so it is exiting. */
    record Bye(Usage usage) implements Serializable {}

    /** The outcome of one argument inside a worker. */
    sealed interface Result extends Serializable permits Value, Thrown {}

    record Value(Serializable value) implements Result {}

    /** An exception as plain data: class name, message, trace and cause. */
    record Thrown(String className, String message, StackTraceElement[] stackTrace, Thrown cause) implements Result {}

    /**
     * A {@link Path} on its way: a path is not serializable, so it travels as its string and
     * {@link #inbound} makes it a path again on the other side.
     */
    record PathText(String path) implements Serializable {}

    /** An argument or a result as it is sent: a path as {@link PathText}, anything else as it is. */
    static Object outbound(Object value) {
        return value instanceof Path path ? new PathText(path.toString()) : value;
    }

    /** An argument or a result as it arrived, a path again where one was sent. */
    static Object inbound(Object value) {
        return value instanceof PathText text ? Path.of(text.path()) : value;
    }

    /** CPU time and peak RSS of the current JVM process, read from /proc where there is one. */
    record Usage(double userSeconds, double sysSeconds, long peakRssBytes) implements Serializable {

        static Usage ofThisProcess() {
            return of("self");
        }

        /** Another process's figures, for example a worker's as seen by the parent; zeros where there is no /proc. */
        static Usage ofProcess(long pid) {
            return of(String.valueOf(pid));
        }

        private static Usage of(String procEntry) {
            try {
                ProcStat stat = ProcStat.of(procEntry);
                long hwmKiB = ProcStatus.of(procEntry).vmHwmKib();
                return new Usage(stat.userSeconds(), stat.sysSeconds(), hwmKiB * 1024);
            } catch (IOException | RuntimeException noProcFileSystem) {
                if (!procEntry.equals("self")) {
                    return new Usage(0, 0, 0);
                }
                var os = ManagementFactory.getOperatingSystemMXBean();
                double cpu = os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() / 1e9 : 0;
                return new Usage(cpu, 0, 0);
            }
        }
    }

    static void write(DataOutputStream out, Serializable message) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream objects = new ObjectOutputStream(bytes)) {
            objects.writeObject(message);
        }
        out.writeInt(bytes.size());
        bytes.writeTo(out);
        out.flush();
    }

    /** The next frame's bytes, or null at the end of the stream. */
    static byte[] readFrame(DataInputStream in) throws IOException {
        int length;
        try {
            length = in.readInt();
        } catch (EOFException end) {
            return null;
        }
        byte[] frame = new byte[length];
        in.readFully(frame);
        return frame;
    }

    static Object decode(byte[] frame) throws IOException, ClassNotFoundException {
        try (ObjectInputStream objects = new ObjectInputStream(new ByteArrayInputStream(frame))) {
            return objects.readObject();
        }
    }

    /** The next message; an {@link EOFException} when the other side has gone. */
    static Object read(DataInputStream in) throws IOException, ClassNotFoundException {
        byte[] frame = readFrame(in);
        if (frame == null) {
            throw new EOFException("the other side closed the pipe");
        }
        return decode(frame);
    }
}

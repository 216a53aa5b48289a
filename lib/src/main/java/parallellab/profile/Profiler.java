package parallellab.profile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;
import one.profiler.AsyncProfiler;

/**
 * Profiles a block of code: the Java {@code cProfile.run}. It samples stacks while the block runs
 * and returns a {@link Profile} (a table of methods by cumulative time and a flame graph).
 *
 * <pre>{@code
 * Profile p = Profiler.profile(Mode.CPU, () -> scanner.scan(root, workload)).profile();
 * p.table();                                   // cProfile -s cumulative
 * p.focus("AnalyzeWorkload.process").table();  // time inside one method, by callee
 * }</pre>
 *
 * <p>Sampling, not tracing: every ~10 ms the profiler records what each thread is doing, so the
 * cost is small and fixed (cProfile instruments every call and slows code several times), and
 * short methods are seen only in proportion to the time they take. It uses async-profiler (its
 * native library ships inside its jar) and falls back on the JDK Flight Recorder when that library
 * cannot load. In CPU mode it asks for perf events first ({@code cpu}), then the {@code itimer}
 * and {@code ctimer} timers, which work in containers where perf events are blocked; the event
 * used is recorded in the profile. One profile runs at a time per JVM.
 */
public final class Profiler {

    private static final Object ONE_AT_A_TIME = new Object();

    private Profiler() {}

    /** A block's value and its profile. */
    public record Profiled<T>(T value, Profile profile) {}

    public static <T> Profiled<T> profile(Mode mode, Callable<T> work) throws Exception {
        return profile(mode, DEFAULT_INTERVAL, work);
    }

    /** The sampling interval when none is given. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofMillis(10);

    /**
     * Samples every {@code interval} instead of every 10 ms: 1 ms gives ten times the samples of a
     * short block, enough for a table whose rows differ by more than one sample (async-profiler only;
     * the Flight Recorder fallback keeps its own period).
     */
    public static <T> Profiled<T> profile(Mode mode, Duration interval, Callable<T> work) throws Exception {
        synchronized (ONE_AT_A_TIME) {
            AsyncProfiler async = nativeProfiler();
            return async != null ? withAsyncProfiler(async, mode, interval, work) : withFlightRecorder(mode, work);
        }
    }

    public static Profile profile(Mode mode, Runnable work) {
        try {
            return profile(mode, () -> {
                work.run();
                return null;
            }).profile();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static AsyncProfiler nativeProfiler() {
        try {
            return AsyncProfiler.getInstance();
        } catch (Throwable cannotLoad) { // UnsatisfiedLinkError on an unsupported platform
            return null;
        }
    }

    private static <T> Profiled<T> withAsyncProfiler(AsyncProfiler profiler, Mode mode, Duration interval, Callable<T> work) throws Exception {
        String event = start(profiler, mode, interval);
        T value;
        try {
            value = work.call();
        } finally {
            profiler.execute("stop");
        }
        return new Profiled<>(value, profileOf(mode, event, profiler.execute("collapsed")));
    }

    /**
     * The profile of the block alone: on the thread that ran it, the frames from {@code main} down to
     * this class are cut, so the stacks start where the block starts; the JVM's one-line
     * {@code $$Lambda} adapters are dropped everywhere. Other threads (workers, the JIT compiler, the
     * garbage collector) keep their whole stacks: they are part of the block's cost.
     */
    static Profile profileOf(Mode mode, String event, String collapsed) {
        List<Stack> stacks = new ArrayList<>();
        for (Stack stack : Stack.parse(collapsed)) {
            List<String> frames = stack.frames();
            int start = 0;
            for (int i = 0; i < frames.size(); i++) {
                if (frames.get(i).startsWith(SELF)) {
                    start = i + 1;
                }
            }
            List<String> kept = frames.subList(start, frames.size()).stream().filter(f -> !f.contains("$$Lambda")).toList();
            if (!kept.isEmpty()) {
                stacks.add(new Stack(kept, stack.samples()));
            }
        }
        return Profile.of(mode, event, Stack.format(stacks), mode.name().toLowerCase(Locale.ROOT) + " profile (" + event + ")");
    }

    /** This class's frames, as both async-profiler and our Flight Recorder reader name them. */
    private static final String SELF = Profiler.class.getName().replace('.', '/') + ".";

    /** Starts the first event that works and returns its name. */
    private static String start(AsyncProfiler profiler, Mode mode, Duration interval) throws IOException {
        List<String> events = mode == Mode.WALL ? List.of("wall") : cpuEvents();
        IllegalStateException last = null;
        for (String event : events) {
            try {
                long micros = Math.max(100, interval.toNanos() / 1_000);
                profiler.execute("start,event=" + event + ",interval=" + micros + "us");
                return interval.equals(DEFAULT_INTERVAL) ? event : event + " every " + (micros % 1000 == 0 ? micros / 1000 + " ms" : micros + " µs");
            } catch (IllegalStateException refused) { // e.g. "Perf events unavailable"
                last = refused;
            }
        }
        throw last;
    }

    /** perf events unless the kernel forbids them (perf_event_paranoid above 2), then the timers. */
    private static List<String> cpuEvents() {
        try {
            int paranoid = Integer.parseInt(Files.readString(Path.of("/proc/sys/kernel/perf_event_paranoid")).strip());
            if (paranoid > 2) {
                return List.of("itimer", "ctimer");
            }
        } catch (IOException | RuntimeException notLinux) {
            // not Linux, or the file is hidden: just try perf events
        }
        return List.of("cpu", "itimer", "ctimer");
    }

    /**
     * The fallback: a Flight Recording of execution samples every 10 ms, turned into collapsed stacks.
     * JFR samples only threads running Java code, so in WALL mode it adds native-method samples
     * (threads blocked in I/O) but cannot see threads parked on a lock or a queue.
     */
    private static <T> Profiled<T> withFlightRecorder(Mode mode, Callable<T> work) throws Exception {
        Path file = Files.createTempFile("parallel-lab-", ".jfr");
        try (Recording recording = new Recording()) {
            recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(10));
            if (mode == Mode.WALL) {
                recording.enable("jdk.NativeMethodSample").withPeriod(Duration.ofMillis(10));
            }
            recording.start();
            T value;
            try {
                value = work.call();
            } finally {
                recording.stop();
                recording.dump(file);
            }
            return new Profiled<>(value, profileOf(mode, "jfr", collapse(file)));
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static String collapse(Path jfr) {
        Map<String, Long> stacks = new LinkedHashMap<>();
        try (RecordingFile recording = new RecordingFile(jfr)) {
            while (recording.hasMoreEvents()) {
                RecordedEvent event = recording.readEvent();
                if (event.getStackTrace() == null) {
                    continue;
                }
                List<String> frames = new ArrayList<>();
                for (RecordedFrame frame : event.getStackTrace().getFrames()) {
                    frames.add(frame.getMethod().getType().getName().replace('.', '/') + "." + frame.getMethod().getName());
                }
                stacks.merge(String.join(";", frames.reversed()), 1L, Long::sum);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        StringBuilder out = new StringBuilder();
        stacks.forEach((stack, count) -> out.append(stack).append(' ').append(count).append('\n'));
        return out.toString();
    }

    /** Forces the Flight Recorder path, for tests and for comparing the two. */
    static <T> Profiled<T> profileWithFlightRecorder(Mode mode, Callable<T> work) throws Exception {
        synchronized (ONE_AT_A_TIME) {
            return withFlightRecorder(mode, work);
        }
    }
}

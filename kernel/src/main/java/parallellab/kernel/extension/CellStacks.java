package parallellab.kernel.extension;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import parallellab.profile.Profile;
import parallellab.profile.Stack;

/**
 * Narrows a whole-JVM profile to what a cell did, the way cProfile shows only Python functions.
 * async-profiler samples every thread of the kernel's JVM: the JIT compiler, the garbage collector,
 * the kernel compiling the cell, its sockets. Here a stack is kept when it runs the cell's code (a
 * JShell {@code REPL/$JShell$N} frame), or lib code ({@code parallellab/...}) on a thread that is
 * not the kernel's, for example a worker thread a scanner started; the cell's own stack is cut so
 * that it starts at the cell, without the kernel and reflection frames below it. The cut is at the
 * innermost cell frame: a stock JJava runs a magic as a snippet of its own, which then runs the
 * cell; what JShell does under a cell frame (compiling the cell) is the kernel's work too. JShell's wrapper names are
 * made readable: the cell body becomes {@code [cell]}, a method {@code REPL/$JShell$12.fib} becomes
 * {@code fib}. The trade-off: JVM overhead that the cell caused (JIT, GC) is not in the picture; the
 * note above the flame graph counts it.
 */
final class CellStacks {

    static final String CELL = "[cell]";
    private static final Pattern CELL_BODY = Pattern.compile("REPL/\\$JShell\\$\\d+[A-Z]?\\.do_it\\$(Aux)?");
    private static final Pattern CELL_LAMBDA = Pattern.compile("REPL/\\$JShell\\$\\d+[A-Z]?\\.lambda\\$do_it\\$(Aux)?\\$\\d+");
    private static final Pattern TRAMPOLINE = Pattern.compile("REPL/\\$JShell\\$\\d+[A-Z]?\\$\\$Lambda.*");
    private static final Pattern WRAPPER = Pattern.compile("REPL/\\$JShell\\$\\d+[A-Z]?[$.]");

    private CellStacks() {}

    /** The cell's part of a profile and how many samples were left out. */
    record Narrowed(Profile profile, long keptSamples, long droppedSamples) {}

    static Narrowed narrow(Profile whole, String title) {
        Map<List<String>, Long> kept = new LinkedHashMap<>();
        long keptSamples = 0;
        long dropped = 0;
        for (Stack stack : Stack.parse(whole.collapsed())) {
            List<String> frames = cellFrames(stack.frames());
            if (frames.isEmpty()) {
                dropped += stack.samples();
            } else {
                kept.merge(frames, stack.samples(), Long::sum);
                keptSamples += stack.samples();
            }
        }
        List<Stack> stacks = kept.entrySet().stream().map(e -> new Stack(e.getKey(), e.getValue())).toList();
        return new Narrowed(Profile.of(whole.mode(), whole.event(), Stack.format(stacks), title), keptSamples, dropped);
    }

    /** The frames of one stack that belong to the cell, renamed; empty when the stack is not the cell's. */
    static List<String> cellFrames(List<String> stack) {
        int start = -1;
        for (int i = 0; i < stack.size(); i++) {
            if (CELL_BODY.matcher(stack.get(i)).matches()) {
                start = i;
            }
        }
        boolean machinery = false;
        boolean relevant = false;
        for (String frame : stack.subList(Math.max(0, start), stack.size())) {
            machinery |= start < 0 ? isKernelFrame(frame) : frame.startsWith("jdk/jshell/");
            relevant |= frame.startsWith("REPL/") || frame.startsWith("parallellab/");
        }
        if (machinery || !relevant) {
            return List.of();
        }
        List<String> frames = new ArrayList<>();
        for (String frame : stack.subList(Math.max(0, start), stack.size())) {
            String name = readable(frame);
            if (name != null && !(name.equals(CELL) && !frames.isEmpty() && frames.getLast().equals(CELL))) {
                frames.add(name);
            }
        }
        return frames;
    }

    /** A frame's name without JShell's wrapper classes; null for a lambda's synthetic trampoline. */
    static String readable(String frame) {
        if (CELL_BODY.matcher(frame).matches()) {
            return CELL;
        }
        if (CELL_LAMBDA.matcher(frame).matches()) {
            return CELL + " lambda";
        }
        if (TRAMPOLINE.matcher(frame).matches()) {
            return null;
        }
        return WRAPPER.matcher(frame).replaceAll("");
    }

    /** The kernel's own threads: the shell thread compiling a snippet, the sockets, the profiler. */
    private static boolean isKernelFrame(String frame) {
        return frame.startsWith("parallellab/kernel/") || frame.startsWith("parallellab/profile/")
                || frame.startsWith("org/dflib/jjava/") || frame.startsWith("jdk/jshell/");
    }
}

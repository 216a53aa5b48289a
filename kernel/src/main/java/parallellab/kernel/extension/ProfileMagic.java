package parallellab.kernel.extension;

import java.util.List;
import java.util.Locale;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import parallellab.profile.Mode;
import parallellab.profile.Profile;
import parallellab.profile.Profiler;

/**
 * {@code %%profile [cpu|wall]}: runs the cell under the lib's {@link Profiler} (sampling, so the
 * cell runs at nearly full speed, unlike cProfile), shows the flame graph and the cumulative table
 * of what the cell did ({@link CellStacks}), and returns the cell's value. {@code cpu} (the
 * default) sees only running threads; {@code wall} also sees threads that wait, for a queue, a
 * lock or the disk.
 */
final class ProfileMagic {

    static final String USAGE = "usage: %%profile [cpu|wall] (then the cell's code on the next lines)";

    private ProfileMagic() {}

    static Object profile(BaseKernel kernel, List<String> args, String body) throws Exception {
        Mode mode = mode(args);
        Profiler.Profiled<Object> profiled = Profiler.profile(mode, () -> kernel.evalRaw(body));
        Profile whole = profiled.profile();
        CellStacks.Narrowed cell = CellStacks.narrow(whole, "%%profile " + mode.name().toLowerCase() + " (" + whole.event() + ")");
        String note = cell.droppedSamples() == 0 ? ""
                : cell.droppedSamples() + " samples of the JVM's own work (JIT compiler, GC, the kernel compiling the cell) are left out";
        kernel.display(ProfileHtml.of(cell.profile(), note));
        return profiled.value();
    }

    /** The mode the arguments name; a wrong argument is a usage error (IllegalArgumentException), in any kernel. */
    static Mode mode(List<String> args) {
        String word = args.isEmpty() ? "cpu" : args.size() == 1 ? args.get(0).toLowerCase(Locale.ROOT) : "";
        return switch (word) {
            case "cpu" -> Mode.CPU;
            case "wall" -> Mode.WALL;
            default -> throw new IllegalArgumentException(USAGE);
        };
    }
}

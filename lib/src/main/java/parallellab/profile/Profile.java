package parallellab.profile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import parallellab.kit.Rows;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.numbers.NumberColumnFormatter;

/**
 * The result of {@link Profiler#profile}: the sampled stacks, a cProfile-style table and a flame
 * graph.
 *
 * <p>The stacks are kept in async-profiler's "collapsed" text form, one line per distinct stack,
 * root first: {@code main;Scanner.scan;Workload.process 42}. From it the {@link #table()} counts,
 * for every method, the samples where it is on top of the stack (self) and the samples where it is
 * anywhere on the stack (total, counted once per sample even under recursion), like
 * {@code python -m cProfile -s cumulative}.
 *
 * @param event     what was sampled: {@code cpu} (perf events), {@code itimer}, {@code ctimer},
 *                  {@code wall}, or {@code jfr} for the Flight Recorder fallback
 * @param collapsed the stacks in collapsed form
 * @param flameHtml a self-contained HTML flame graph, or empty when none could be made
 */
public record Profile(Mode mode, String event, String collapsed, String flameHtml) {

    /**
     * A profile of stacks in collapsed form, with its flame graph drawn (none when there are no
     * stacks): for code that cuts or filters a profile's stacks, as {@link #focus} does.
     */
    public static Profile of(Mode mode, String event, String collapsed, String title) {
        boolean empty = Stack.parse(collapsed).isEmpty();
        return new Profile(mode, event, collapsed, empty ? "" : FlameGraphs.fromCollapsed(collapsed, title));
    }

    /**
     * Methods by total (cumulative) samples: method, self/total samples and %. Methods with the same
     * total are listed callers first (nearer the root of the stacks), so a chain of calls that only
     * passes the work along reads top-down like the code.
     */
    public Table table() {
        Map<String, Long> self = new HashMap<>();
        Map<String, Long> total = new HashMap<>();
        Map<String, Integer> depth = new HashMap<>();
        long samples = 0;
        for (Stack stack : Stack.parse(collapsed)) {
            samples += stack.samples();
            self.merge(stack.top(), stack.samples(), Long::sum);
            List<String> frames = stack.frames();
            for (int i = 0; i < frames.size(); i++) {
                depth.merge(frames.get(i), i, Math::min);
            }
            for (String frame : new LinkedHashSet<>(frames)) { // once per sample, even under recursion
                total.merge(frame, stack.samples(), Long::sum);
            }
        }
        List<String> methods = new ArrayList<>(total.keySet());
        methods.sort(Comparator.<String>comparingLong(total::get).reversed().thenComparingInt(depth::get)
                .thenComparing(Comparator.<String>comparingLong(m -> self.getOrDefault(m, 0L)).reversed())
                .thenComparing(Comparator.naturalOrder()));
        List<MethodRow> rows = new ArrayList<>();
        for (String m : methods) {
            long s = self.getOrDefault(m, 0L);
            rows.add(new MethodRow(m, s, total.get(m), samples > 0 ? 100.0 * s / samples : 0, samples > 0 ? 100.0 * total.get(m) / samples : 0));
        }
        Table table = Rows.toTable("profile (" + event + ")", MethodRow.class, rows);
        table.doubleColumn("self_pct").setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(1));
        table.doubleColumn("total_pct").setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(1));
        return table;
    }

    /** One method's line of the cumulative table. */
    private record MethodRow(String method, long selfSamples, long totalSamples, double selfPct, double totalPct) {}

    /** The first {@code rows} rows of {@link #table()}: the cProfile view a notebook shows. */
    public Table top(int rows) {
        Table table = table();
        return table.rowCount() <= rows ? table : table.first(rows).setName(table.name() + ", top " + rows);
    }

    /** The number of samples taken. */
    public long samples() {
        return Stack.parse(collapsed).stream().mapToLong(Stack::samples).sum();
    }

    /** The flame graph: one HTML page with its script and styles inline, fit for an iframe's srcdoc. */
    public String flameGraphHtml() {
        return flameHtml;
    }

    /**
     * The flame graph as an HTML snippet for a notebook: {@code display(p.flameGraph(), "text/html")}.
     * The page goes into an {@code <iframe srcdoc>} sandboxed to scripts, because JupyterLab does
     * not run scripts pasted into an output, and so that the page's styles stay inside the frame.
     * The frame is tall enough for the deepest stack; an empty string when there is no graph.
     */
    public String flameGraph() {
        if (flameHtml.isEmpty()) {
            return "";
        }
        int depth = Stack.parse(collapsed).stream().mapToInt(s -> s.frames().size()).max().orElse(1);
        int height = Math.min(MAX_FRAME_PX, (depth + 1) * ROW_PX + 120);
        return "<iframe title=\"flame graph\" sandbox=\"allow-scripts allow-modals\" style=\"width:100%;border:none;height:"
                + height + "px\" srcdoc=\"" + escapeAttribute(flameHtml) + "\">"
                + "(The interactive flame graph shows here once the notebook is trusted or the cell is run again.)</iframe>";
    }

    private static final int ROW_PX = 16;
    private static final int MAX_FRAME_PX = 900;

    private static String escapeAttribute(String html) {
        return html.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /**
     * Keeps only the samples whose stack passes through a method matching {@code methodRegex}, and cuts
     * each stack so that it starts at that method: the table then shows the time inside the method by
     * callee, the closest Java gets to line_profiler on one function, and the flame graph has that
     * method at its root.
     */
    public Profile focus(String methodRegex) {
        Pattern pattern = Pattern.compile(methodRegex);
        List<Stack> kept = new ArrayList<>();
        for (Stack stack : Stack.parse(collapsed)) {
            List<String> frames = stack.frames();
            for (int i = 0; i < frames.size(); i++) {
                if (pattern.matcher(frames.get(i)).find()) {
                    kept.add(new Stack(frames.subList(i, frames.size()), stack.samples()));
                    break;
                }
            }
        }
        return of(mode, event, Stack.format(kept), "inside " + methodRegex + " (" + event + ")");
    }

    /**
     * Only the samples of threads that were running Java code: a stack with no Java frame (the JIT
     * compiler's threads, the garbage collector's, the VM's own) is left out. Early in a JVM's life
     * C2's {@code PhaseChaitin} and C1's {@code LinearScan} can fill the top of a table; this is the
     * table of the program itself.
     */
    public Profile javaThreadsOnly() {
        List<Stack> kept = new ArrayList<>();
        for (Stack stack : Stack.parse(collapsed)) {
            if (stack.frames().stream().anyMatch(Profile::isJavaFrame)) {
                kept.add(stack);
            }
        }
        return of(mode, event, Stack.format(kept), "Java threads only (" + event + ")");
    }

    /** A Java method's frame, {@code java/lang/Thread.run} or {@code Lab.scan}, against a C++ one, {@code Compile::Optimize()}. */
    private static boolean isJavaFrame(String frame) {
        return frame.contains(".") && !frame.contains("::") && !frame.endsWith(".so") && !frame.startsWith("[");
    }

    /** One line: the mode, the event sampled and how many samples, e.g. "cpu profile (itimer): 180 samples of about 10 ms". */
    public String summary() {
        return mode.name().toLowerCase(Locale.ROOT) + " profile (" + event + "): " + samples()
                + (event.contains(" every ") ? " samples" : " samples of about 10 ms");
    }

    /** The {@link #summary()}: the stacks and the page are too long to print. */
    @Override
    public String toString() {
        return summary();
    }

    /** Writes flame.html (when there is one), profile.csv and collapsed.txt into {@code dir}. */
    public void save(Path dir) {
        try {
            Files.createDirectories(dir);
            if (!flameHtml.isEmpty()) {
                Files.writeString(dir.resolve("flame.html"), flameHtml);
            }
            Files.writeString(dir.resolve("collapsed.txt"), collapsed);
            table().write().csv(dir.resolve("profile.csv").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the profile to " + dir + ": " + e.getMessage(), e);
        }
    }
}

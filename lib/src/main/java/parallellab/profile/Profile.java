package parallellab.profile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

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

    /** Methods by total (cumulative) samples, then self samples: method, self/total samples and %. */
    public Table table() {
        Map<String, Long> self = new HashMap<>();
        Map<String, Long> total = new LinkedHashMap<>();
        long samples = 0;
        for (String line : collapsed.split("\n")) {
            int space = line.lastIndexOf(' ');
            if (space <= 0) {
                continue;
            }
            long count;
            try {
                count = Long.parseLong(line.substring(space + 1).strip());
            } catch (NumberFormatException notAStack) {
                continue;
            }
            String[] frames = line.substring(0, space).split(";");
            samples += count;
            self.merge(frames[frames.length - 1], count, Long::sum);
            Set<String> seen = new HashSet<>();
            for (String frame : frames) {
                if (seen.add(frame)) {
                    total.merge(frame, count, Long::sum);
                }
            }
        }
        StringColumn method = StringColumn.create("method");
        LongColumn selfSamples = LongColumn.create("self_samples");
        LongColumn totalSamples = LongColumn.create("total_samples");
        DoubleColumn selfPct = DoubleColumn.create("self_pct");
        DoubleColumn totalPct = DoubleColumn.create("total_pct");
        for (Map.Entry<String, Long> e : total.entrySet()) {
            long s = self.getOrDefault(e.getKey(), 0L);
            method.append(e.getKey());
            selfSamples.append(s);
            totalSamples.append(e.getValue());
            selfPct.append(samples > 0 ? 100.0 * s / samples : 0);
            totalPct.append(samples > 0 ? 100.0 * e.getValue() / samples : 0);
        }
        Table table = Table.create("profile (" + event + ")", method, selfSamples, totalSamples, selfPct, totalPct);
        return table.sortDescendingOn("total_samples", "self_samples");
    }

    /** The number of samples taken. */
    public long samples() {
        return collapsed.lines().mapToLong(line -> {
            int space = line.lastIndexOf(' ');
            try {
                return space > 0 ? Long.parseLong(line.substring(space + 1).strip()) : 0;
            } catch (NumberFormatException e) {
                return 0;
            }
        }).sum();
    }

    /** The flame graph: one HTML page with its script and styles inline, fit for an iframe's srcdoc. */
    public String flameGraphHtml() {
        return flameHtml;
    }

    /**
     * Keeps only the samples whose stack passes through a method matching {@code methodRegex}, and cuts
     * each stack so that it starts at that method: the table then shows the time inside the method by
     * callee, the closest Java gets to line_profiler on one function. The flame graph is dropped
     * (it would show the unfiltered profile).
     */
    public Profile focus(String methodRegex) {
        Pattern pattern = Pattern.compile(methodRegex);
        StringBuilder kept = new StringBuilder();
        for (String line : collapsed.split("\n")) {
            int space = line.lastIndexOf(' ');
            if (space <= 0) {
                continue;
            }
            List<String> frames = List.of(line.substring(0, space).split(";"));
            for (int i = 0; i < frames.size(); i++) {
                if (pattern.matcher(frames.get(i)).find()) {
                    kept.append(String.join(";", frames.subList(i, frames.size()))).append(line.substring(space)).append('\n');
                    break;
                }
            }
        }
        return new Profile(mode, event, kept.toString(), "");
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

package parallellab.lessons;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The cores of the machine the lessons run on, so that no lesson assumes a number: how many the JVM
 * may use, how many physical cores they are (with SMT, "hyper-threading", one physical core shows
 * as two logical ones that share its execution units), and the worker counts a sweep should try.
 */
public final class Cores {

    private Cores() {}

    /** The logical cores this JVM may run on: {@code Runtime.getRuntime().availableProcessors()}. */
    public static int available() {
        return Runtime.getRuntime().availableProcessors();
    }

    /**
     * Worker counts from 1 to twice the cores, so that a curve climbs and then flattens on any
     * machine: every count up to 4 cores (1, 2, ... 8), else about eight counts, the cores among them.
     */
    public static int[] grid() {
        int n = available();
        if (n <= 4) {
            return IntStream.rangeClosed(1, 2 * n).toArray();
        }
        Set<Integer> counts = new TreeSet<>(List.of(1, 2, n / 2, n, 3 * n / 2, 2 * n));
        for (int p = 4; p < n; p *= 2) {
            counts.add(p);
        }
        return counts.stream().mapToInt(Integer::intValue).toArray();
    }

    /** 1, the cores, and twice the cores (fewer when they coincide): a short grid for slow runs. */
    public static int[] fewWorkers() {
        int n = available();
        return new TreeSet<>(List.of(1, n, 2 * n)).stream().mapToInt(Integer::intValue).toArray();
    }

    /** Logical against physical cores, from {@code /proc/cpuinfo} where there is one (Linux). */
    public static Table table() {
        StringColumn what = StringColumn.create("what");
        StringColumn value = StringColumn.create("value");
        what.append("logical cores this JVM may use (availableProcessors)");
        value.append(String.valueOf(available()));
        what.append("logical cores of the machine (/proc/cpuinfo)");
        what.append("physical cores of the machine (distinct core ids)");
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/cpuinfo"));
            long logical = lines.stream().filter(l -> l.startsWith("processor")).count();
            Set<String> physical = new HashSet<>();
            String socket = "0";
            for (String line : lines) {
                if (line.startsWith("physical id")) {
                    socket = line.substring(line.indexOf(':') + 1).strip();
                } else if (line.startsWith("core id")) {
                    physical.add(socket + "/" + line.substring(line.indexOf(':') + 1).strip());
                }
            }
            value.append(String.valueOf(logical));
            value.append(physical.isEmpty() ? "not reported (a virtual machine often hides it)" : String.valueOf(physical.size()));
        } catch (IOException | RuntimeException e) {
            value.append("no /proc/cpuinfo (not Linux)");
            value.append("macOS: sysctl -n hw.physicalcpu");
        }
        return Table.create("cores", what, value);
    }
}

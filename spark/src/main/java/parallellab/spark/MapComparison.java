package parallellab.spark;

import java.util.List;
import java.util.Objects;
import parallellab.measure.Measure;
import parallellab.measure.Timing;
import parallellab.work.FileResult;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.numbers.NumberColumnFormatter;

/**
 * The same map done several ways, each timed and checked against the sequential results: lesson
 * 06 puts {@code Pool.map} and Spark's {@code map} side by side with it.
 *
 * <pre>{@code
 * MapComparison compare = MapComparison.against(expected);
 * List<FileResult> byPool = compare.time("Pool.map", () -> pool.map(task, paths));
 * List<FileResult> bySpark = compare.time("Spark map", () -> rdd.map(new PoolTaskFunction<>(task)).collect());
 * compare.table();
 * }</pre>
 *
 * <p>"Same" means equal lists, in the same order: both engines promise results in input order,
 * and a result that differs in any field, or a file lost or done twice, shows as {@code false}.
 */
public final class MapComparison {

    private final List<FileResult> expected;
    private final Table table = Table.create("the same map, several ways",
            StringColumn.create("way"), IntColumn.create("files"), IntColumn.create("ok"),
            BooleanColumn.create("same_as_sequential"), seconds("real_s"), seconds("cpu_s"));

    private MapComparison(List<FileResult> expected) {
        this.expected = List.copyOf(expected);
    }

    private static DoubleColumn seconds(String name) {
        DoubleColumn column = DoubleColumn.create(name);
        column.setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(3));
        return column;
    }

    /** A comparison against {@code expected}, usually the sequential scan's results. */
    public static MapComparison against(List<FileResult> expected) {
        return new MapComparison(Objects.requireNonNull(expected, "expected"));
    }

    /** Runs {@code map}, adds a row for it under {@code way}, and returns its results. */
    public List<FileResult> time(String way, Measure.Work<List<FileResult>> map) throws InterruptedException {
        Measure.Measured<List<FileResult>> m = Measure.time(map);
        List<FileResult> results = m.value();
        Timing t = m.timing();
        table.stringColumn("way").append(way);
        table.intColumn("files").append(results.size());
        table.intColumn("ok").append((int) results.stream().filter(FileResult::ok).count());
        table.booleanColumn("same_as_sequential").append(results.equals(expected));
        table.doubleColumn("real_s").append(t.realSeconds());
        table.doubleColumn("cpu_s").append(t.cpuSeconds());
        return results;
    }

    /** One row per way timed so far. */
    public Table table() {
        return table.copy();
    }
}

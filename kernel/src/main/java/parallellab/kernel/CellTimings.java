package parallellab.kernel;

import java.util.ArrayList;
import java.util.List;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import parallellab.measure.Timing;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Real, user and sys time of every cell this kernel ran, recorded automatically. From a cell:
 * {@code CellTimings.table()} gives a Tablesaw table with columns {@code cell, code, real_s, user_s,
 * sys_s}, ready for {@code Charts.cellTimings(table)}.
 */
public final class CellTimings {

    private record Entry(int cell, String code, Timing timing) {}

    private final List<Entry> entries = new ArrayList<>(); // guarded by this

    synchronized void record(int cell, String code, Timing timing) {
        String firstLine = code.strip().lines().findFirst().orElse("");
        entries.add(new Entry(cell, firstLine, timing));
    }

    /** The timings of the cells run so far in the running kernel. */
    public static Table table() {
        if (!(BaseKernel.notebookKernel() instanceof LabKernel kernel)) {
            throw new IllegalStateException("CellTimings needs the parallel-lab kernel");
        }
        return kernel.timings().asTable();
    }

    synchronized Table asTable() {
        IntColumn cell = IntColumn.create("cell");
        StringColumn code = StringColumn.create("code");
        DoubleColumn real = DoubleColumn.create("real_s");
        DoubleColumn user = DoubleColumn.create("user_s");
        DoubleColumn sys = DoubleColumn.create("sys_s");
        for (Entry e : entries) {
            cell.append(e.cell);
            code.append(e.code);
            real.append(e.timing.realSeconds());
            user.append(e.timing.totalUserSeconds());
            sys.append(e.timing.totalSysSeconds());
        }
        return Table.create("cell timings", cell, code, real, user, sys);
    }
}

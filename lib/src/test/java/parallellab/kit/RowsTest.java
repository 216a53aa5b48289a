package parallellab.kit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;

class RowsTest {

    private record Run(String strategy, int workers, long pid, double realSMedian, boolean gil) {}

    @Test
    void oneRowPerRecordAndOneTypedSnakeCaseColumnPerComponent() {
        Table table = Rows.toTable("runs", Run.class, List.of(new Run("executor", 2, 42L, 1.5, true), new Run("virtual", 8, 7L, 0.5, false)));

        assertThat(table.name()).isEqualTo("runs");
        assertThat(table.columnNames()).containsExactly("strategy", "workers", "pid", "real_s_median", "gil");
        assertThat(table.types()).containsExactly(ColumnType.STRING, ColumnType.INTEGER, ColumnType.LONG, ColumnType.DOUBLE, ColumnType.BOOLEAN);
        assertThat(table.intColumn("workers").asList()).containsExactly(2, 8);
        assertThat(table.doubleColumn("real_s_median").get(1)).isEqualTo(0.5);
    }

    private record Count(String when, Integer during) {}

    @Test
    void aNullBoxedNumberIsAMissingValue() {
        Table table = Rows.toTable("counts", Count.class, List.of(new Count("before", null), new Count("after", 3)));
        assertThat(table.intColumn("during").isMissing(0)).isTrue();
        assertThat(table.intColumn("during").get(1)).isEqualTo(3);
    }

    private record Ratio(@Rows.Heading("as_is/tuned") double speedup) {}

    @Test
    void aHeadingNamesTheColumnWhenSnakeCaseCannot() {
        assertThat(Rows.toTable("ratio", Ratio.class, List.of(new Ratio(2.0))).columnNames()).containsExactly("as_is/tuned");
    }

    @Test
    void noRecordsGiveTheColumnsAndNoRows() {
        Table table = Rows.toTable("none", Run.class, List.of());
        assertThat(table.columnCount()).isEqualTo(5);
        assertThat(table.rowCount()).isZero();
    }
}

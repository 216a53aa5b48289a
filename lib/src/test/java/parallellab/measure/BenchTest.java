package parallellab.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;

class BenchTest {

    @TempDir
    Path dir;

    private Path library() throws Exception {
        Path library = Files.createDirectories(dir.resolve("library"));
        for (String name : List.of("a.mp3", "b.flac", "c.ogg")) {
            Files.writeString(library.resolve(name), "not really audio");
        }
        return library;
    }

    @Test
    void sweepKeepsWarmupsMarkedAndRunsSequentialOnce() throws Exception {
        List<Bench.Run> seen = new ArrayList<>();
        Table runs = Bench.sweep().library(library()).strategies("sequential").workers(1, 2, 4)
                .workloads("tags").repeats(2).warmups(1).machine("test-box").onRun(seen::add).run();
        assertThat(runs.rowCount()).isEqualTo(3); // sequential: workers=1 only, 1 warm-up + 2 repeats
        assertThat(runs.booleanColumn("warmup").asList()).containsExactly(true, false, false);
        assertThat(runs.intColumn("files").asList()).containsOnly(3);
        assertThat(runs.stringColumn("machine").asList()).containsOnly("test-box");
        assertThat(runs.columnNames()).containsExactly("machine", "strategy", "workers", "workload", "gil", "repeat",
                "warmup", "files", "ok", "real_s", "user_s", "sys_s", "child_user_s", "child_sys_s", "cpu_real",
                "files_per_s", "peak_rss_mb");
        assertThat(seen).hasSize(3);
        assertThat(seen.getLast().index()).isEqualTo(3);
        assertThat(seen.getLast().count()).isEqualTo(3);

        Table summary = Bench.summary(runs);
        assertThat(summary.rowCount()).isEqualTo(1);
        assertThat(summary.columnNames()).contains("real_s_median", "real_s_min", "real_s_max", "cpu_real_median",
                "files_per_s_median", "runs");
        assertThat(summary.intColumn("runs").get(0)).isEqualTo(2);
    }

    @Test
    void savedTablesLoadBackWithTheirTypes() {
        Table runs = BenchResults.emptyTable("runs");
        BenchResults.addRow(runs, "host (2 cores, JDK 25)", "sequential", 1, "tags", false, 0, true, 250, 240, ScalingTest.timing(1.5));
        BenchResults.addRow(runs, "host (2 cores, JDK 25)", "sequential", 1, "tags", false, 0, false, 250, 240, ScalingTest.timing(1.25));
        Path csv = dir.resolve("out/bench.csv");
        Bench.save(runs, csv);
        Table back = Bench.load(csv);
        assertThat(back.rowCount()).isEqualTo(2);
        for (String column : runs.columnNames()) {
            assertThat(back.column(column).type()).as(column).isEqualTo(runs.column(column).type());
        }
        assertThat(back.column("workers").type()).isEqualTo(ColumnType.INTEGER);
        assertThat(back.doubleColumn("real_s").get(1)).isEqualTo(1.25);
        assertThat(back.booleanColumn("warmup").get(0)).isTrue();
    }

    @Test
    void mistakesFailBeforeAnythingRuns() throws Exception {
        Path library = library();
        assertThatThrownBy(() -> Bench.sweep().library(library).strategies("nope").run())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown strategy 'nope'");
        assertThatThrownBy(() -> Bench.sweep().library(dir.resolve("missing")).run())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no such folder");
        assertThatThrownBy(() -> Bench.sweep().workers(0)).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> Bench.load(dir.resolve("none.csv"))).hasMessageContaining("no such file");
    }
}

package parallellab.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
                "files_per_s", "peak_rss_mb", "jit_s");
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
        assertThatThrownBy(() -> Bench.sweep().seconds(0)).hasMessageContaining("positive");
        assertThatThrownBy(() -> Bench.sweep().warmupTime(Duration.ofSeconds(-1))).hasMessageContaining("negative");
    }

    @Test
    void runsGoInRoundsSoDriftFallsOnEveryConfiguration() throws Exception {
        Table runs = Bench.sweep().library(library()).strategies("sequential", "queue-threads").workers(1, 2)
                .repeats(2).warmups(1).machine("m").run();
        assertThat(runs.rowCount()).isEqualTo(3 * 3);
        List<String> order = new ArrayList<>();
        for (int i = 0; i < runs.rowCount(); i++) {
            order.add(runs.stringColumn("strategy").get(i) + runs.intColumn("workers").get(i) + "/" + runs.intColumn("repeat").get(i)
                    + (runs.booleanColumn("warmup").get(i) ? "w" : ""));
        }
        assertThat(order).containsExactly("sequential1/0w", "queue-threads1/0w", "queue-threads2/0w",
                "sequential1/0", "queue-threads1/0", "queue-threads2/0",
                "sequential1/1", "queue-threads1/1", "queue-threads2/1");
        assertThat(runs.doubleColumn("jit_s").asList()).allMatch(jit -> jit >= 0 || jit.isNaN());
    }

    @Test
    void warmupTimeAddsWarmupRoundsUntilItHasPassed() throws Exception {
        Path library = library();
        Table none = Bench.sweep().library(library).warmups(0).repeats(1).machine("m").run();
        assertThat(none.booleanColumn("warmup").asList()).containsExactly(false);
        // A time no three-file sweep can use up in one round forces a second warm-up round at least.
        Table timed = Bench.sweep().library(library).warmups(0).warmupTime(Duration.ofMillis(200)).repeats(1).machine("m").run();
        assertThat(timed.booleanColumn("warmup").countTrue()).isGreaterThanOrEqualTo(1);
        assertThat(timed.where(timed.booleanColumn("warmup").isFalse()).rowCount()).isEqualTo(1);
        assertThat(timed.intColumn("repeat").get(timed.rowCount() - 1)).isZero();
    }

    @Test
    void analyzeSecondsReachTheWorkload() throws Exception {
        Table runs = Bench.sweep().library(library()).workloads("analyze").seconds(0.5).warmups(0).repeats(1).machine("m").run();
        assertThat(runs.stringColumn("workload").asList()).containsExactly("analyze");
        assertThat(runs.intColumn("files").get(0)).isEqualTo(3);
    }

    @Test
    void filesWithoutTheNewerColumnsStillLoadAndAppend() throws Exception {
        Path old = dir.resolve("old.csv");
        Files.writeString(old, "machine,strategy,workers,workload,gil,repeat,warmup,files,ok,real_s,user_s,sys_s,child_user_s,child_sys_s,cpu_real,files_per_s,peak_rss_mb\n"
                + "old box,sequential,1,tags,false,0,false,10,10,2.0,1.9,0.1,0.0,0.0,1.0,5.0,100.0\n");
        Table loaded = Bench.load(old);
        assertThat(loaded.doubleColumn("jit_s").isMissing(0)).isTrue();
        Table mine = BenchResults.emptyTable("mine");
        BenchResults.addRow(mine, "m", "sequential", 1, "tags", false, 0, false, 10, 10, ScalingTest.timing(1.0), 0.25);
        assertThat(mine.append(loaded).rowCount()).isEqualTo(2);
    }
}

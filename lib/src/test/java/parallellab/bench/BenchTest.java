package parallellab.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import parallellab.measure.PeakRss;
import parallellab.scan.SequentialScanner;
import parallellab.scan.VirtualThreadScanner;
import parallellab.work.AnalyzeWorkload;
import parallellab.work.TagsWorkload;
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
        Table runs = BenchResults.table("runs", List.of(
                Runs.run("host (2 cores, JDK 25)", "sequential", 1, "tags", false, 0, true, 250, 240, ScalingTest.timing(1.5)),
                Runs.run("host (2 cores, JDK 25)", "sequential", 1, "tags", false, 0, false, 250, 240, ScalingTest.timing(1.25))));
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
    void workloadObjectsAndAddedScannersRunWithEachGilSetting() throws Exception {
        Table runs = Bench.sweep().library(library()).workloads(new TagsWorkload(), new AnalyzeWorkload(0.5))
                .strategies("sequential", "queue-threads").workers(2)
                .add("virtual, no limit", 3, options -> new VirtualThreadScanner(options).withoutLimit())
                .gil(false, true).repeats(1).warmups(0).machine("m").run();

        assertThat(runs.rowCount()).isEqualTo(2 * 2 * 3);
        List<String> order = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            order.add(runs.stringColumn("workload").get(i) + " " + runs.stringColumn("strategy").get(i) + " x" + runs.intColumn("workers").get(i)
                    + (runs.booleanColumn("gil").get(i) ? " gil" : ""));
        }
        assertThat(order).containsExactly("tags sequential x1", "tags queue-threads x2", "tags virtual, no limit x3",
                "tags sequential x1 gil", "tags queue-threads x2 gil", "tags virtual, no limit x3 gil");
        assertThat(runs.stringColumn("workload").asList().subList(6, 12)).containsOnly("analyze");
        assertThat(runs.intColumn("files").asList()).containsOnly(3);

        Table comparison = Bench.comparison(runs);
        assertThat(comparison.columnNames()).containsExactly("workload", "gil", "strategy", "workers", "real_s", "jvm_cpu_s",
                "child_cpu_s", "cpu_per_real", "speedup");
        assertThat(comparison.rowCount()).isEqualTo(12);
        assertThat(comparison.stringColumn("workload").get(0)).as("workloads in the order they ran").isEqualTo("tags");
        assertThat(comparison.where(comparison.stringColumn("strategy").isEqualTo("sequential")).doubleColumn("speedup").asList())
                .containsOnly(1.0);
        assertThat(comparison.doubleColumn("speedup").asList()).allMatch(s -> s > 0);
    }

    @Test
    void withoutASequentialRunTheSpeedupIsOverTheStrategysOwnOneWorkerRun() throws Exception {
        Table comparison = Bench.comparison(Bench.sweep().library(library()).strategies("queue-threads").workers(1, 2)
                .gil(false, true).repeats(1).warmups(0).machine("m").run());

        assertThat(comparison.booleanColumn("gil").asList()).containsExactly(false, false, true, true);
        assertThat(comparison.intColumn("workers").asList()).containsExactly(1, 2, 1, 2);
        assertThat(comparison.doubleColumn("speedup").get(0)).isEqualTo(1.0);
        assertThat(comparison.doubleColumn("speedup").get(2)).isEqualTo(1.0);
        assertThat(comparison.doubleColumn("speedup").get(3)).isPositive();
    }

    @Test
    void addedNamesAreCheckedWhenAdded() throws Exception {
        Path library = library();
        assertThatThrownBy(() -> Bench.sweep().add("queue-thread", 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown strategy 'queue-thread'");
        assertThatThrownBy(() -> Bench.sweep().add("mine", 0, options -> new SequentialScanner())).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> Bench.sweep().library(library).workloads("nope").run())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown workload 'nope'");
    }

    @Test
    void sampledPeakMemoryFillsTheColumnAndTheSamplerStops() throws Exception {
        Table runs = Bench.sweep().library(library()).samplePeakRss(true).warmups(0).repeats(2).machine("m").run();
        assertThat(runs.doubleColumn("peak_rss_mb").asList()).allMatch(mib -> mib > 0);
        double mib;
        try (PeakRss peak = PeakRss.sample()) {
            byte[] touched = new byte[32 << 20];
            java.util.Arrays.fill(touched, (byte) 1);
            mib = peak.mib();
        }
        assertThat(mib).isPositive();
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().equals("peak-rss-sampler") && t.isAlive());
    }

    @Test
    void filesWithoutTheNewerColumnsStillLoadAndAppend() throws Exception {
        Path old = dir.resolve("old.csv");
        Files.writeString(old, "machine,strategy,workers,workload,gil,repeat,warmup,files,ok,real_s,user_s,sys_s,child_user_s,child_sys_s,cpu_real,files_per_s,peak_rss_mb\n"
                + "old box,sequential,1,tags,false,0,false,10,10,2.0,1.9,0.1,0.0,0.0,1.0,5.0,100.0\n");
        Table loaded = Bench.load(old);
        assertThat(loaded.doubleColumn("jit_s").isMissing(0)).isTrue();
        Table mine = BenchResults.table("mine", List.of(Runs.run("m", "sequential", 1, "tags", false, 0, false, 10, 10, ScalingTest.timing(1.0), 0.25)));
        assertThat(mine.append(loaded).rowCount()).isEqualTo(2);
    }
}

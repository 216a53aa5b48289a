package parallellab.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import parallellab.measure.Timing;
import tech.tablesaw.api.Table;

/** The fits recover the parameters of synthetic data made from the models themselves. */
class ScalingTest {

    private static final double[] P = {1, 2, 4, 8, 16, 32};

    @Test
    void amdahlFitRecoversSerialAndParallelTime() {
        double[] t = IntStream.range(0, P.length).mapToDouble(i -> 2.0 + 8.0 / P[i]).toArray();
        AmdahlFit fit = AmdahlFit.fit(P, t);
        assertThat(fit.serialSeconds()).isCloseTo(2.0, within(1e-9));
        assertThat(fit.parallelSeconds()).isCloseTo(8.0, within(1e-9));
        assertThat(fit.serialFraction()).isCloseTo(0.2, within(1e-9));
        assertThat(fit.predictSpeedup(1e9)).isCloseTo(5.0, within(1e-6)); // 1/f
    }

    @Test
    void amdahlNeedsTwoWorkerCounts() {
        assertThat(AmdahlFit.fit(new double[] {1, 1}, new double[] {3, 3.1}).valid()).isFalse();
    }

    @Test
    void uslFitRecoversSigmaKappaAndThePeak() {
        UslFit truth = new UslFit(0.05, 0.002);
        double[] s = IntStream.range(0, P.length).mapToDouble(i -> truth.predict(P[i])).toArray();
        UslFit fit = UslFit.fit(P, s);
        assertThat(fit.sigma()).isCloseTo(0.05, within(1e-4));
        assertThat(fit.kappa()).isCloseTo(0.002, within(1e-5));
        assertThat(fit.peakWorkers()).isCloseTo(Math.sqrt(0.95 / 0.002), within(0.5));
    }

    @Test
    void uslKeepsParametersNonNegativeAndNeedsFourPoints() {
        double[] superLinear = IntStream.range(0, P.length).mapToDouble(i -> P[i] * 1.1).toArray();
        UslFit fit = UslFit.fit(P, superLinear);
        assertThat(fit.sigma()).isGreaterThanOrEqualTo(0);
        assertThat(fit.kappa()).isGreaterThanOrEqualTo(0);
        assertThat(UslFit.fit(new double[] {1, 2, 4}, new double[] {1, 1.9, 3.5}).valid()).isFalse();
    }

    @Test
    void karpFlattOfAnAmdahlCurveIsItsSerialFraction() {
        double f = 0.1;
        for (double p : P) {
            double s = 1 / (f + (1 - f) / p);
            if (p > 1) {
                assertThat(Scaling.Curve.karpFlatt(s, p)).isCloseTo(f, within(1e-9));
            }
        }
        assertThat(Scaling.Curve.karpFlatt(1, 1)).isNaN();
    }

    @Test
    void analyseComputesSpeedupAgainstSequential() {
        List<BenchResults.RunRow> rows = new ArrayList<>();
        rows.add(Runs.run("m", "sequential", 1, "analyze", false, 0, true, 10, 10, timing(20))); // warm-up: ignored
        rows.add(Runs.run("m", "sequential", 1, "analyze", false, 0, false, 10, 10, timing(10)));
        for (double p : P) {
            for (int r = 0; r < 3; r++) {
                rows.add(Runs.run("m", "queue-threads", (int) p, "analyze", false, r, false, 10, 10,
                        timing(1 + 9 / p + (r == 1 ? 5 : 0)))); // one outlier repeat: the median ignores it
            }
        }
        Table runs = BenchResults.table("synthetic", rows);
        Table scaling = Scaling.analyse(runs);
        Table threads = scaling.where(scaling.stringColumn("strategy").isEqualTo("queue-threads"));
        assertThat(threads.rowCount()).isEqualTo(P.length);
        assertThat(threads.doubleColumn("speedup").get(0)).isCloseTo(1.0, within(1e-9));
        assertThat(threads.doubleColumn("speedup").get(1)).isCloseTo(10 / 5.5, within(1e-9));
        assertThat(threads.doubleColumn("efficiency").get(1)).isCloseTo(10 / 5.5 / 2, within(1e-9));
        assertThat(threads.doubleColumn("karp_flatt").get(3)).isCloseTo(0.1, within(1e-9));
        assertThat(threads.doubleColumn("amdahl_serial_fraction").get(0)).isCloseTo(0.1, within(1e-9));
        assertThat(threads.doubleColumn("usl_sigma").get(0)).isCloseTo(0.1, within(1e-3));
        assertThat(threads.doubleColumn("usl_kappa").get(0)).isCloseTo(0, within(1e-4));
        assertThat(threads.columnNames()).contains("speedup", "efficiency", "karp_flatt", "amdahl_serial_fraction",
                "usl_sigma", "usl_kappa", "usl_peak");
    }

    static Timing timing(double real) {
        return new Timing(real, real * 0.9, real * 0.05, 0, 0, 100L << 20, 0);
    }
}

package parallellab.bench;

import static parallellab.bench.BenchResults.GIL;
import static parallellab.bench.BenchResults.MACHINE;
import static parallellab.bench.BenchResults.REAL;
import static parallellab.bench.BenchResults.STRATEGY;
import static parallellab.bench.BenchResults.WARMUP;
import static parallellab.bench.BenchResults.WORKERS;
import static parallellab.bench.BenchResults.WORKLOAD;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.math3.stat.descriptive.rank.Median;
import parallellab.kit.Rows;
import tech.tablesaw.api.Row;
import tech.tablesaw.api.Table;

/**
 * How a strategy scales with workers, from a bench table: speedup S(p) = T1 / T(p), efficiency S/p,
 * the Karp–Flatt metric, and the {@link AmdahlFit} and {@link UslFit} of each strategy.
 *
 * <p>T(p) is the median real time of the measured (not warm-up) runs. T1 is the {@code sequential}
 * strategy's time on the same machine and workload when the table has it, since every speedup in the
 * lessons is against the plain loop; otherwise the strategy's own one-worker time. The Karp–Flatt
 * metric e = (1/S − 1/p) / (1 − 1/p) is the serial fraction each point implies: flat e means a
 * fixed serial part (Amdahl), e rising with p means overhead that grows with the workers.
 */
public final class Scaling {

    private Scaling() {}

    /**
     * One strategy's curve: median times by worker count, the baseline (its time, and the strategy it
     * is the one-worker time of: {@code sequential} or this strategy itself) and the fits.
     */
    public record Curve(String machine, String workload, boolean gil, String strategy,
                        double[] workers, double[] seconds, double baselineSeconds, String baselineStrategy, AmdahlFit amdahl, UslFit usl) {

        /** Whether the speedups are against the sequential scan, rather than this strategy's own one-worker run. */
        public boolean againstSequential() {
            return baselineStrategy.equals("sequential");
        }

        public double speedup(int i) {
            return baselineSeconds / seconds[i];
        }

        public double efficiency(int i) {
            return speedup(i) / workers[i];
        }

        /** e = (1/S − 1/p) / (1 − 1/p); undefined (NaN) at p = 1. */
        public double karpFlatt(int i) {
            return karpFlatt(speedup(i), workers[i]);
        }

        public static double karpFlatt(double speedup, double p) {
            return p > 1 ? (1 / speedup - 1 / p) / (1 - 1 / p) : Double.NaN;
        }

        public double[] speedups() {
            double[] s = new double[workers.length];
            Arrays.setAll(s, this::speedup);
            return s;
        }

        /** A label for legends, with the machine and workload only when the table mixes them. */
        public String label(boolean withMachine, boolean withWorkload, boolean withGil) {
            return strategy + (withGil && gil ? " +GIL" : "") + (withWorkload ? " · " + workload : "")
                    + (withMachine ? " · " + machine : "");
        }
    }

    /** The scaling curves of every strategy in a bench table (warm-ups excluded). */
    public static List<Curve> curves(Table runs) {
        Table measured = runs.where(runs.booleanColumn(WARMUP).isFalse());
        Map<List<Object>, TreeMap<Integer, List<Double>>> times = new LinkedHashMap<>();
        for (Row row : measured) {
            List<Object> key = List.of(row.getString(MACHINE), row.getString(WORKLOAD), row.getBoolean(GIL), row.getString(STRATEGY));
            times.computeIfAbsent(key, k -> new TreeMap<>()).computeIfAbsent(row.getInt(WORKERS), w -> new ArrayList<>()).add(row.getDouble(REAL));
        }
        List<Curve> curves = new ArrayList<>();
        times.forEach((key, byWorkers) -> {
            double[] p = byWorkers.keySet().stream().mapToDouble(Integer::doubleValue).toArray();
            double[] t = byWorkers.values().stream().mapToDouble(Scaling::median).toArray();
            TreeMap<Integer, List<Double>> sequential = sequentialFor(times, key);
            TreeMap<Integer, List<Double>> ones = sequential != null ? sequential : byWorkers;
            String baselineStrategy = sequential != null ? "sequential" : (String) key.get(3);
            double baseline = ones.containsKey(1) ? median(ones.get(1)) : Double.NaN;
            AmdahlFit amdahl = AmdahlFit.fit(p, t);
            double[] speedups = Arrays.stream(t).map(x -> baseline / x).toArray();
            UslFit usl = UslFit.fit(p, speedups);
            curves.add(new Curve((String) key.get(0), (String) key.get(1), (Boolean) key.get(2), (String) key.get(3), p, t, baseline, baselineStrategy, amdahl, usl));
        });
        return curves;
    }

    /** The sequential runs on the same machine and workload, with the same GIL setting if there are both; null if none. */
    private static TreeMap<Integer, List<Double>> sequentialFor(Map<List<Object>, TreeMap<Integer, List<Double>>> times, List<Object> key) {
        for (Boolean gil : new Boolean[] {(Boolean) key.get(2), !(Boolean) key.get(2)}) {
            TreeMap<Integer, List<Double>> sequential = times.get(List.of(key.get(0), key.get(1), gil, "sequential"));
            if (sequential != null && sequential.containsKey(1)) {
                return sequential;
            }
        }
        return null;
    }

    private static double median(List<Double> values) {
        return new Median().evaluate(values.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /**
     * The scaling numbers as a table, one row per strategy and worker count: speedup, efficiency,
     * karp_flatt, and the strategy's fits (the same on each of its rows; NaN when there are too few
     * points: two worker counts for Amdahl, four for the USL).
     */
    public static Table analyse(Table runs) {
        List<Point> points = new ArrayList<>();
        for (Curve c : curves(runs)) {
            for (int i = 0; i < c.workers().length; i++) {
                points.add(new Point(c.machine(), c.workload(), c.gil(), c.strategy(), (int) c.workers()[i], c.seconds()[i],
                        c.speedup(i), c.efficiency(i), c.karpFlatt(i), c.amdahl().serialFraction(), c.usl().sigma(), c.usl().kappa(),
                        c.usl().valid() ? c.usl().peakWorkers() : Double.NaN));
            }
        }
        return BenchResults.readable(Rows.toTable("scaling", Point.class, points));
    }

    /** One row of {@link #analyse}: a strategy at one worker count, and its curve's fits. */
    private record Point(String machine, String workload, boolean gil, String strategy, int workers, double medianRealS,
                         double speedup, double efficiency, double karpFlatt, double amdahlSerialFraction, double uslSigma,
                         double uslKappa, double uslPeak) {}
}

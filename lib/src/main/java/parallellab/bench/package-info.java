/**
 * Sweeps and what to make of them: scanners × workloads × workers × GIL, each run timed, one row
 * per run ({@link parallellab.bench.Bench}); the results saved and summarised
 * ({@link parallellab.bench.BenchResults}); and the laws that explain a speedup curve: Amdahl, the
 * Universal Scalability Law and the Karp–Flatt serial fraction ({@link parallellab.bench.Scaling}).
 *
 * <p>Medians over repeats, with warm-up rounds first: one run on a busy machine tells little.
 */
package parallellab.bench;

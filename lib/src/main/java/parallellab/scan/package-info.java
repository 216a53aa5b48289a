/**
 * Walking a music library and handing its files to a workload: one strategy per class, from the
 * sequential baseline through the queue of threads, executors, virtual threads and parallel streams
 * to the process pool, plus the post's variants (one of them flawed on purpose).
 *
 * <p>Every scanner shares one skeleton ({@link parallellab.scan.ScanSkeleton}): the walk, the
 * listener calls, interrupts and per-file failures are handled once, so each scanner's file shows
 * only how it hands out files. {@link parallellab.scan.Strategies} names them for the command line
 * and the bench; engines that live elsewhere (Spark) plug in through
 * {@link parallellab.scan.ScannerProvider}.
 */
package parallellab.scan;

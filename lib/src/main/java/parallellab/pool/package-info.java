/**
 * A process pool with Python's {@code multiprocessing.Pool} semantics: worker JVMs, {@code map},
 * {@code imapUnordered}, a chunk size, {@code close}/{@code join} and {@code terminate}.
 *
 * <p>The engine only. Tasks are named, serializable {@link parallellab.pool.PoolTask}s that travel
 * over the workers' pipes; a worker that dies breaks the pool with a reason that names it, while one
 * whose chunk runs past the task timeout is killed and replaced and only that chunk fails. Processes
 * share no memory, so nothing is locked and every core can work; the price is starting JVMs and
 * copying arguments and results. The lessons' experiments with it live in {@code parallellab.lessons}.
 */
package parallellab.pool;

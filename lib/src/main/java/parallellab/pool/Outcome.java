package parallellab.pool;

/**
 * The result of one argument of a pool job, as {@link ProcessPool#imapUnordered} hands it over.
 *
 * <p>{@code index} is the argument's position in the input list, so results that arrive in any
 * order can be put back in order. A failure is a value here, so one bad argument never hides the
 * others.
 */
public sealed interface Outcome<R> {

    int index();

    /** The task returned {@code value}. */
    record Done<R>(int index, R value) implements Outcome<R> {}

    /**
     * The task threw (a {@link RemoteTaskException}), its chunk ran past the task timeout (a
     * {@link TaskTimeoutException}) or its worker died (a {@link BrokenProcessPoolException}).
     */
    record Failed<R>(int index, RuntimeException error) implements Outcome<R> {}
}

/**
 * What the notebooks call: {@link parallellab.lessons.Lab}, the facade a cell uses (the library, a
 * sample, a scan as a table), and the lessons' demos, each a call that returns a table: the pool's
 * experiments ({@link parallellab.lessons.PoolDemos}), the tags readers compared
 * ({@link parallellab.lessons.TagsComparison}), the exit-when-empty race forced every time, the data
 * race ({@link parallellab.lessons.DataRace}) and the worker timelines.
 *
 * <p>It also holds the checks of the "your turn" exercises ({@code ThreadChecks}, {@code PoolChecks}
 * and the others): a check runs the learner's code against the kit's reference on real files and
 * prints one line, {@code ✔} or {@code ✘} and one sentence; it never throws and never hangs, so a
 * wrong answer in a cell is a line to read, not a stack trace.
 *
 * <p>The top of the engine: it uses every package below it and none uses it, so a demo can change
 * with its lesson without touching the engine it demonstrates.
 */
package parallellab.lessons;

/**
 * What the notebooks call: {@link parallellab.lessons.Lab}, the facade a cell uses (the library, a
 * sample, a scan as a table), and the lessons' demos, each a call that returns a table: the pool's
 * experiments ({@link parallellab.lessons.PoolDemos}), the tags readers compared
 * ({@link parallellab.lessons.TagsComparison}) and the exit-when-empty race forced every time.
 *
 * <p>The top of the engine: it uses every package below it and none uses it, so a demo can change
 * with its lesson without touching the engine it demonstrates.
 */
package parallellab.lessons;

/**
 * What the lesson notebooks call that is about the lesson, not the engine: the checks of the
 * "your turn" exercises and the demos that show a concurrency bug on purpose.
 *
 * <p>A check runs the learner's code against the kit's reference on real files and prints one line,
 * {@code ✔} or {@code ✘} and one sentence; it never throws and never hangs, so a wrong answer in a
 * cell is a line to read, not a stack trace. Engine packages never import this one.
 */
package parallellab.lessons;

/**
 * How a cell is evaluated: one JShell in the kernel's own JVM
 * ({@link parallellab.kernel.jshell.JShellEvaluator}), whose execution control runs each snippet on a
 * thread it can stop, rewrites snippet bytecode for the stop check and the exit guard, keeps the last
 * value as an object, and reports failures as tracebacks that name cell lines. Also the answers the
 * front end asks for between cells: is the code complete, what is under the cursor. And what cells leave
 * running ({@link parallellab.kernel.jshell.CellResources}): a rerun closes the kit resource it replaced.
 *
 * <p>The trade-off of running in-process: cells, the kit and the kernel share one heap and one set of
 * classes (fast, and the renderers see the very objects), so a cell that never yields can only be
 * abandoned, not killed.
 */
package parallellab.kernel.jshell;

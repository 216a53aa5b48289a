/**
 * The parallel-lab Jupyter kernel, protocol and session: jjava-jupyter speaks the Jupyter protocol,
 * {@link parallellab.kernel.LabKernel} runs one cell at a time, routes what any thread prints to the
 * running cell, keeps the history and the timings, and offers the magics that need its own JShell
 * ({@code %jars}, {@code %maven}, {@code %drop}, {@code %reset}, {@code %imports}).
 *
 * <p>Three packages, in layers: this one uses {@link parallellab.kernel.jshell} (how a cell is
 * evaluated) and {@link parallellab.kernel.extension} (what any JJava kernel can load); the extension
 * knows nothing of our JShell, so a stock JJava loads it unchanged. A test checks the layers.
 */
package parallellab.kernel;

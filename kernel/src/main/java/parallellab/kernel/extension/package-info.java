/**
 * What a stock JJava kernel loads from our jar (through {@code META-INF/services}): the renderers that
 * show Tablesaw tables, charts and profiles as HTML, and the cell magics {@code %%time},
 * {@code %%timeit} and {@code %%profile}. It uses only JJava's public kernel API, never our JShell
 * side, so the same magics work in JJava and in the parallel-lab kernel.
 */
package parallellab.kernel.extension;

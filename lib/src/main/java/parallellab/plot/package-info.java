/**
 * Charts from tables: a bench's table in, an XChart chart out (speedup with the ideal line and the
 * fits, real against CPU time, warm-up, cell timings). Table in, chart out; no chart computes its
 * own figures.
 */
package parallellab.plot;

/**
 * Bigger libraries for scale experiments: tagged copies of the bundled files
 * ({@link parallellab.grow.LibraryGrower}, which never touches the originals) and a bench of how a
 * strategy's time grows with the number of files ({@link parallellab.grow.GrowthBench}).
 */
package parallellab.grow;

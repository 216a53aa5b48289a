/**
 * {@code ./lab scan}, {@code ./lab bench} and {@code ./lab grow}: the kit on the command line, with a
 * progress bar, the {@code time}-style summary, and one-line errors for bad input.
 *
 * <p>The top layer: a thin shell of picocli commands over the packages below.
 */
package parallellab.cli;

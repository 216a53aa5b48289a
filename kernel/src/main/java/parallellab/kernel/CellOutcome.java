package parallellab.kernel;

import parallellab.kernel.jshell.CellFailure;

/**
 * How a cell ended, as the kernel replies to it: its value (null when it has none to show), or the
 * one failure that becomes the cell's {@code error} message. Sealed, so the reply covers both.
 */
sealed interface CellOutcome {

    record Completed(Object value) implements CellOutcome {}

    record Failed(CellFailure failure) implements CellOutcome {}
}

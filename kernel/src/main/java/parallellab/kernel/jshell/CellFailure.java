package parallellab.kernel.jshell;

import java.util.List;

/**
 * Why a cell did not complete, as Jupyter's {@code error} message wants it: a name, a value and the
 * traceback lines. One type for compile errors, exceptions and interrupts keeps the kernel's error
 * path single: every failure becomes exactly one {@code error} message.
 */
public final class CellFailure extends Exception {
    private static final long serialVersionUID = 1L;

    private final String ename;
    private final List<String> traceback;

    public CellFailure(String ename, String evalue, List<String> traceback) {
        super(evalue, null, false, false);
        this.ename = ename;
        this.traceback = List.copyOf(traceback);
    }

    public static CellFailure interrupted() {
        return new CellFailure("Interrupted", "the cell was interrupted", List.of("Interrupted: the cell was stopped."));
    }

    public String ename() {
        return ename;
    }

    public String evalue() {
        return getMessage();
    }

    public List<String> traceback() {
        return traceback;
    }
}

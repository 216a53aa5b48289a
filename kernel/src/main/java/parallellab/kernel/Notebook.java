package parallellab.kernel;

import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;

/**
 * What a cell calls to show things (statically imported in every cell):
 * {@code display(obj)} shows an object now and returns its display id, {@code updateDisplay(id, obj)}
 * replaces that output in place (a progress line, a growing chart), {@code render(obj)} returns the
 * rich form without showing it. The last expression of a cell is displayed anyway.
 */
public final class Notebook {

    private Notebook() {}

    /** Shows an object with the richest renderer that fits it; returns the display id. */
    public static String display(Object value) {
        return show(kernel().getRenderer().render(value));
    }

    /** Shows an object as the given MIME type (for example "text/html"); returns the display id. */
    public static String display(Object value, String mime) {
        return show(kernel().getRenderer().renderAs(value, mime));
    }

    /** Replaces the output shown under a display id. */
    public static void updateDisplay(String id, Object value) {
        DisplayData data = kernel().getRenderer().render(value);
        data.setDisplayId(id);
        if (kernel() instanceof LabKernel lab) {
            lab.updateDisplay(data);
        } else {
            kernel().getIO().display.updateDisplay(id, data);
        }
    }

    /** The rich form of an object (HTML, PNG...), to return from a cell or pass to display. */
    public static DisplayData render(Object value) {
        return kernel().getRenderer().render(value);
    }

    private static String show(DisplayData data) {
        BaseKernel kernel = kernel();
        String id = data.hasDisplayId() ? data.getDisplayId()
                : kernel instanceof LabKernel lab ? lab.newDisplayId() : java.util.UUID.randomUUID().toString();
        data.setDisplayId(id);
        kernel.display(data);
        return id;
    }

    private static BaseKernel kernel() {
        return BaseKernel.notebookKernel();
    }
}

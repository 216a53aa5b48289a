package parallellab.kernel;

import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import parallellab.profile.Profile;
import java.util.List;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.numbers.NumberColumnFormatter;

/**
 * A profile as notebook output: its interactive flame graph, then the cumulative table (the
 * methods with the most samples first, like {@code cProfile -s cumulative}).
 *
 * <p>The flame graph is a whole HTML page with its own script and styles. Pasted into the output
 * area it would fight JupyterLab's styles, so it goes into an {@code <iframe srcdoc>}, sandboxed to
 * scripts (and the search prompt). JupyterLab shows it in outputs it trusts, which are those of a
 * cell just run and of a trusted notebook; in an untrusted notebook its sanitizer drops the iframe
 * and keeps the text inside it, which says how to see the graph. The table shows in both.
 */
final class ProfileHtml {

    static final int TABLE_ROWS = 25;
    static final int FRAME_PX = 16;
    static final int MAX_HEIGHT_PX = 900;

    private ProfileHtml() {}

    static DisplayData of(Profile profile, String note) {
        DisplayData data = new DisplayData(text(profile, note));
        data.putHTML(html(profile, note));
        return data;
    }

    static String html(Profile profile, String note) {
        StringBuilder html = new StringBuilder("<div class=\"parallel-lab-profile\">");
        html.append("<p>").append(TableHtml.escape(headline(profile, note))).append("</p>");
        if (!profile.flameGraphHtml().isEmpty()) {
            html.append("<iframe title=\"flame graph\" sandbox=\"allow-scripts allow-modals\" style=\"width:100%;border:none;height:")
                    .append(height(profile)).append("px\" srcdoc=\"").append(TableHtml.escape(withRedraw(profile.flameGraphHtml()))).append("\">")
                    .append("(The interactive flame graph shows here once the notebook is trusted or the cell is run again.)")
                    .append("</iframe>");
        }
        return html.append(TableHtml.of(top(profile))).append("</div>").toString();
    }

    static String text(Profile profile, String note) {
        return headline(profile, note) + "\n" + TableHtml.text(top(profile));
    }

    private static String headline(Profile profile, String note) {
        return profile.mode().name().toLowerCase() + " profile (" + profile.event() + "): " + profile.samples()
                + " samples, about 10 ms each" + (note.isEmpty() ? "" : "; " + note);
    }

    private static Table top(Profile profile) {
        Table table = profile.table();
        Table top = table.rowCount() > TABLE_ROWS ? table.first(TABLE_ROWS).setName(table.name() + ", top " + TABLE_ROWS) : table.copy();
        for (String pct : List.of("self_pct", "total_pct")) {
            if (top.containsColumn(pct)) {
                top.numberColumn(pct).setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(1));
            }
        }
        return top;
    }

    /**
     * The flame graph sizes its canvas once, when the page loads. JupyterLab may load the frame
     * before it is laid out (zero wide), and the graph would stay blank: such a page reloads itself
     * once it has a width.
     */
    static String withRedraw(String page) {
        String script = "<script>if (!innerWidth) addEventListener('resize', function redraw() {"
                + " if (innerWidth) { removeEventListener('resize', redraw); location.reload(); } });</script>";
        int head = page.indexOf("<head>");
        return head < 0 ? script + page : page.substring(0, head + 6) + script + page.substring(head + 6);
    }

    /** Tall enough for the deepest stack, the title and the buttons; taller graphs scroll. */
    static int height(Profile profile) {
        int depth = profile.collapsed().lines().mapToInt(line -> line.split(";").length).max().orElse(1);
        return Math.min(MAX_HEIGHT_PX, (depth + 1) * FRAME_PX + 120);
    }
}

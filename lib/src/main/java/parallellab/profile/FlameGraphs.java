package parallellab.profile;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import one.convert.Arguments;
import one.convert.FlameGraph;

/**
 * Draws async-profiler's interactive HTML flame graph from collapsed stacks, with its converter
 * library, so that every profile (native, Flight Recorder, or focused on one method) gets the same
 * picture. The page carries its script and styles inline: it needs no server or network.
 *
 * <p>It is drawn as an icicle, the root at the top: in a notebook's frame of limited height the wide
 * boxes that matter stay in view and the thin, deep towers run off the bottom. The page's first
 * button turns it the other way up.
 *
 * <p>The page sizes its canvas once, from the width it has when its script runs. In a notebook that
 * can be zero: JupyterLab lays out only the cells in view, so a graph made by "Run All" far down
 * the page would stay blank. The script is therefore wrapped to run once the canvas has a width.
 */
final class FlameGraphs {

    private static final String OPEN = "<script>";
    private static final String CLOSE = "</script>";
    private static final String DRAW_WHEN_VISIBLE = """
            (function () {
            \tconst canvas = document.getElementById('canvas');
            \tif (canvas.offsetWidth > 0 || typeof ResizeObserver === 'undefined') {
            \t\tdrawFlameGraph();
            \t\treturn;
            \t}
            \tconst watch = new ResizeObserver(function () {
            \t\tif (canvas.offsetWidth > 0) {
            \t\t\twatch.disconnect();
            \t\t\tdrawFlameGraph();
            \t\t}
            \t});
            \twatch.observe(canvas);
            })();
            """;

    private FlameGraphs() {}

    static String fromCollapsed(String collapsed, String title) {
        try {
            FlameGraph graph = new FlameGraph(new Arguments("--title", title, "--inverted"));
            graph.parseCollapsed(new StringReader(collapsed));
            ByteArrayOutputStream html = new ByteArrayOutputStream();
            graph.dump(html);
            return drawnWhenVisible(html.toString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The page with its main (last) script run once the canvas has a width; unchanged if the page is not as expected. */
    static String drawnWhenVisible(String page) {
        int open = page.lastIndexOf(OPEN);
        int close = page.lastIndexOf(CLOSE);
        if (open < 0 || close < open || !page.contains("id='canvas'")) {
            return page;
        }
        return page.substring(0, open) + OPEN + "\nfunction drawFlameGraph() {" + page.substring(open + OPEN.length(), close)
                + "}\n" + DRAW_WHEN_VISIBLE + page.substring(close);
    }
}

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
 */
final class FlameGraphs {

    private FlameGraphs() {}

    static String fromCollapsed(String collapsed, String title) {
        try {
            FlameGraph graph = new FlameGraph(new Arguments("--title", title, "--inverted"));
            graph.parseCollapsed(new StringReader(collapsed));
            ByteArrayOutputStream html = new ByteArrayOutputStream();
            graph.dump(html);
            return html.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package parallellab.kernel.extension;

import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import parallellab.profile.Profile;

/**
 * A profile as notebook output: a headline, the lib's interactive flame graph (an {@code <iframe
 * srcdoc>} sandboxed to scripts, see {@link Profile#flameGraph()}), then the cumulative table (the
 * methods with the most samples first, like {@code cProfile -s cumulative}).
 *
 * <p>JupyterLab shows the iframe in outputs it trusts, which are those of a cell just run and of a
 * trusted notebook; in an untrusted notebook its sanitizer drops the iframe and keeps the text
 * inside it, which says how to see the graph. The table shows in both.
 */
final class ProfileHtml {

    static final int TABLE_ROWS = 25;

    private ProfileHtml() {}

    static DisplayData of(Profile profile, String note) {
        DisplayData data = new DisplayData(text(profile, note));
        data.putHTML(html(profile, note));
        return data;
    }

    static String html(Profile profile, String note) {
        return "<div class=\"parallel-lab-profile\"><p>" + TableHtml.escape(headline(profile, note)) + "</p>"
                + profile.flameGraph() + TableHtml.of(profile.top(TABLE_ROWS)) + "</div>";
    }

    static String text(Profile profile, String note) {
        return headline(profile, note) + "\n" + TableHtml.text(profile.top(TABLE_ROWS));
    }

    private static String headline(Profile profile, String note) {
        return profile.summary() + (note.isEmpty() ? "" : "; " + note);
    }
}

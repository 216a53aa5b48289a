package parallellab.kernel.extension;

import java.io.IOException;
import java.util.Base64;
import java.util.function.Function;
import org.dflib.jjava.jupyter.Extension;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.dflib.jjava.jupyter.kernel.magic.CellMagic;
import org.dflib.jjava.jupyter.kernel.magic.MagicsRegistry;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;
import parallellab.lessons.Markdown;
import parallellab.profile.Profile;
import parallellab.profile.Profiler;
import tech.tablesaw.api.Table;

/**
 * The parallel-lab renderers and timing magics as a JJava extension: our kernel loads it, and so
 * does a stock JJava with the lib and kernel jars on its class path ({@code JJAVA_CLASSPATH}).
 * <ul>
 *   <li>a Tablesaw {@link Table} shows as an HTML table (and text);</li>
 *   <li>an XChart chart shows as a PNG image;</li>
 *   <li>{@link Markdown} (the source of a lib class, say) shows formatted;</li>
 *   <li>{@code %%time} prints real, user and sys time like the Unix {@code time};</li>
 *   <li>{@code %%timeit} picks a loop count, warms up and prints mean ± std and best.</li>
 *   <li>a {@link Profile} (or a {@link Profiler.Profiled} value) shows its flame graph and table;</li>
 *   <li>{@code %%profile [cpu|wall]} profiles the cell and shows the same.</li>
 * </ul>
 * Only the jjava-jupyter API is used, so the extension works in any kernel built on it.
 */
public final class LabExtension implements Extension {

    /**
     * Each part installs on its own: in a JJava whose jjava-jupyter differs from the 1.0-a6 we compile
     * against, a part that no longer links is left out with a one-line note, and the rest still works.
     */
    @Override
    public void install(BaseKernel kernel) {
        installPart("the Table, chart and profile renderers", () -> registerRenderers(kernel.getRenderer()));
        installPart("%%time, %%timeit and %%profile", () -> registerMagics(kernel.getMagicsRegistry()));
    }

    private static void installPart(String what, Runnable part) {
        try {
            part.run();
        } catch (LinkageError e) {
            System.err.println("parallel-lab: " + what + " are not available in this kernel (" + e + ")");
        }
    }

    static void registerMagics(MagicsRegistry magics) {
        magics.registerCellMagic("time", (CellMagic<Object, BaseKernel>) (k, args, body) -> TimeMagic.time(k, body));
        magics.registerCellMagic("timeit", (CellMagic<Object, BaseKernel>) (k, args, body) -> TimeMagic.timeit(k, body));
        magics.registerCellMagic("profile", (CellMagic<Object, BaseKernel>) ProfileMagic::profile);
    }

    public static void registerRenderers(Renderer renderer) {
        renderer.createRegistration(Table.class)
                .preferring(MIMEType.TEXT_HTML)
                .supporting(MIMEType.TEXT_HTML, MIMEType.TEXT_PLAIN)
                .register((table, context) -> {
                    context.renderIfRequested(MIMEType.TEXT_HTML, () -> TableHtml.of(table));
                    context.renderIfRequested(MIMEType.TEXT_PLAIN, () -> TableHtml.text(table));
                });
        @SuppressWarnings("rawtypes")
        Renderer.RenderRegistration<Chart> charts = renderer.createRegistration(Chart.class);
        charts.preferring(MIMEType.IMAGE_PNG)
                .supporting(MIMEType.IMAGE_PNG, MIMEType.TEXT_PLAIN)
                .register((chart, context) -> {
                    context.renderIfRequested(MIMEType.IMAGE_PNG, () -> png(chart));
                    context.renderIfRequested(MIMEType.TEXT_PLAIN, () -> chartText(chart));
                });
        renderer.createRegistration(Markdown.class)
                .preferring(MIMEType.TEXT_MARKDOWN)
                .supporting(MIMEType.TEXT_MARKDOWN, MIMEType.TEXT_PLAIN)
                .register((markdown, context) -> {
                    context.renderIfRequested(MIMEType.TEXT_MARKDOWN, markdown::text);
                    context.renderIfRequested(MIMEType.TEXT_PLAIN, markdown::text);
                });
        registerProfile(renderer, Profile.class, profile -> profile);
        registerProfile(renderer, Profiler.Profiled.class, Profiler.Profiled::profile);
    }

    /** A profile, or a value carrying one, shows its flame graph and cumulative table (and text). */
    private static <T> void registerProfile(Renderer renderer, Class<T> type, Function<T, Profile> profileOf) {
        renderer.createRegistration(type)
                .preferring(MIMEType.TEXT_HTML)
                .supporting(MIMEType.TEXT_HTML, MIMEType.TEXT_PLAIN)
                .register((value, context) -> {
                    context.renderIfRequested(MIMEType.TEXT_HTML, () -> ProfileHtml.html(profileOf.apply(value), ""));
                    context.renderIfRequested(MIMEType.TEXT_PLAIN, () -> ProfileHtml.text(profileOf.apply(value), ""));
                });
    }

    private static String png(Chart<?, ?> chart) {
        try {
            return Base64.getEncoder().encodeToString(BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG));
        } catch (IOException e) {
            throw new IllegalStateException("could not draw the chart: " + e.getMessage(), e);
        }
    }

    private static String chartText(Chart<?, ?> chart) {
        String title = chart.getTitle();
        return chart.getClass().getSimpleName() + (title == null || title.isBlank() ? "" : " \"" + title + "\"")
                + " (" + chart.getWidth() + "x" + chart.getHeight() + ")";
    }
}

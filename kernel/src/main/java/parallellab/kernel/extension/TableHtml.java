package parallellab.kernel.extension;

import tech.tablesaw.api.Table;

/** A Tablesaw table as a compact HTML table: at most 60 rows shown, the middle elided for long tables. */
final class TableHtml {

    static final int HEAD = 50;
    static final int TAIL = 10;

    private TableHtml() {}

    static String of(Table table) {
        StringBuilder html = new StringBuilder("<table class=\"dataframe\">");
        html.append("<caption style=\"text-align:left\">").append(escape(table.name() == null ? "" : table.name()))
                .append(" (").append(table.rowCount()).append(" rows \u00d7 ").append(table.columnCount()).append(" columns)</caption>");
        html.append("<thead><tr>");
        for (String name : table.columnNames()) {
            html.append("<th>").append(escape(name)).append("</th>");
        }
        html.append("</tr></thead><tbody>");
        int rows = table.rowCount();
        boolean elide = rows > HEAD + TAIL;
        for (int r = 0; r < rows; r++) {
            if (elide && r == HEAD) {
                html.append("<tr>");
                for (int c = 0; c < table.columnCount(); c++) {
                    html.append("<td>\u2026</td>");
                }
                html.append("</tr>");
                r = rows - TAIL;
            }
            html.append("<tr>");
            for (int c = 0; c < table.columnCount(); c++) {
                html.append("<td>").append(escape(table.column(c).getString(r))).append("</td>");
            }
            html.append("</tr>");
        }
        return html.append("</tbody></table>").toString();
    }

    static String text(Table table) {
        return table.rowCount() > HEAD + TAIL ? table.printAll().lines().limit(HEAD + 3).reduce("", (a, b) -> a + b + "\n")
                + "... (" + table.rowCount() + " rows)" : table.printAll();
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}

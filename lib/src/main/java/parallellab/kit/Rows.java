package parallellab.kit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.Locale;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * A list of records in, a {@link Table} out: one row per record, one typed column per component,
 * named in snake case ({@code peakRssMb} becomes {@code peak_rss_mb}, {@code realSMedian}
 * {@code real_s_median}).
 *
 * <p>A table's shape is then written once, as a record, instead of as columns appended to one row
 * at a time: a record's components cannot get out of step the way parallel appends can.
 * {@code int}, {@code long}, {@code double} and {@code boolean} components (boxed or not) become
 * numeric and boolean columns; any other type becomes a column of its {@code toString()}. A heading
 * that is no Java name ({@code "should read"}) goes on the component: {@code @Heading("should read") int shouldRead}.
 */
public final class Rows {

    private Rows() {}

    /** The column's heading, when the component's name in snake case is not the one wanted. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.RECORD_COMPONENT)
    public @interface Heading {
        String value();
    }

    /** The table named {@code name} with one row per record of {@code rows}; {@code type} gives the columns when there are none. */
    public static <R extends Record> Table toTable(String name, Class<R> type, List<R> rows) {
        RecordComponent[] components = type.getRecordComponents();
        Column<?>[] columns = new Column<?>[components.length];
        for (int c = 0; c < components.length; c++) {
            columns[c] = column(components[c], rows);
        }
        return Table.create(name, columns);
    }

    /** A component's name in snake case, as its column is called. */
    public static String columnName(String componentName) {
        return componentName.replaceAll("([a-z0-9])([A-Z])", "$1_$2").replaceAll("([A-Z])([A-Z][a-z])", "$1_$2").toLowerCase(Locale.ROOT);
    }

    private static Column<?> column(RecordComponent component, List<? extends Record> rows) {
        Heading heading = component.getAnnotation(Heading.class);
        String name = heading != null ? heading.value() : columnName(component.getName());
        List<Object> values = rows.stream().map(row -> value(component, row)).toList();
        Class<?> type = component.getType();
        if (type == int.class || type == Integer.class) {
            return IntColumn.create(name, values.stream().map(v -> (Integer) v).toArray(Integer[]::new));
        } else if (type == long.class || type == Long.class) {
            LongColumn column = LongColumn.create(name);
            values.forEach(v -> column.append((Long) v));
            return column;
        } else if (type == double.class || type == Double.class) {
            return DoubleColumn.create(name, values.stream().map(v -> (Double) v).toArray(Double[]::new));
        } else if (type == boolean.class || type == Boolean.class) {
            return BooleanColumn.create(name, values.stream().map(v -> (Boolean) v).toList());
        }
        return StringColumn.create(name, values.stream().map(v -> v == null ? null : v.toString()).toList());
    }

    private static Object value(RecordComponent component, Record row) {
        try {
            var accessor = component.getAccessor();
            accessor.setAccessible(true); // a lesson's record may be private to its class
            return accessor.invoke(row);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalArgumentException("cannot read " + component.getName() + " of " + row.getClass().getName() + ": " + e, e);
        }
    }
}

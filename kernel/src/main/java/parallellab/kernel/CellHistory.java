package parallellab.kernel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.dflib.jjava.jupyter.kernel.history.HistoryEntry;
import org.dflib.jjava.jupyter.kernel.history.HistoryManager;

/** The cells run in this session, for Jupyter's {@code history_request} (tail, range and search). */
final class CellHistory implements HistoryManager {

    static final int SESSION = 1;

    private record Cell(int number, String input, String output) {}

    private final List<Cell> cells = new ArrayList<>(); // guarded by this

    synchronized void add(int number, String input, String output) {
        cells.add(new Cell(number, input, output));
    }

    @Override
    public synchronized List<HistoryEntry> lookupRange(int session, int start, int stop, Set<ResultFlag> flags) {
        List<HistoryEntry> out = new ArrayList<>();
        for (Cell c : cells) {
            if (c.number >= start && (stop <= 0 || c.number < stop)) {
                out.add(entry(c, flags));
            }
        }
        return out;
    }

    @Override
    public synchronized List<HistoryEntry> lookupTail(int length, Set<ResultFlag> flags) {
        List<HistoryEntry> out = new ArrayList<>();
        for (Cell c : cells.subList(Math.max(0, cells.size() - length), cells.size())) {
            out.add(entry(c, flags));
        }
        return out;
    }

    @Override
    public synchronized List<HistoryEntry> search(String glob, int length, Set<ResultFlag> flags) {
        Pattern pattern = Pattern.compile(globToRegex(glob), Pattern.DOTALL);
        Map<String, Cell> matches = new LinkedHashMap<>();
        List<Cell> all = new ArrayList<>();
        for (Cell c : cells) {
            if (pattern.matcher(c.input).matches()) {
                all.add(c);
                matches.remove(c.input);
                matches.put(c.input, c);
            }
        }
        List<Cell> chosen = flags.contains(ResultFlag.UNIQUE) ? new ArrayList<>(matches.values()) : all;
        if (length > 0 && chosen.size() > length) {
            chosen = chosen.subList(chosen.size() - length, chosen.size());
        }
        return chosen.stream().map(c -> entry(c, flags)).toList();
    }

    private static HistoryEntry entry(Cell c, Set<ResultFlag> flags) {
        return flags.contains(ResultFlag.INCLUDE_OUTPUT)
                ? new HistoryEntry(SESSION, c.number, c.input, c.output == null ? "" : c.output)
                : new HistoryEntry(SESSION, c.number, c.input, null);
    }

    static String globToRegex(String glob) {
        StringBuilder regex = new StringBuilder();
        for (char ch : glob.toCharArray()) {
            switch (ch) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(ch)));
            }
        }
        return regex.toString();
    }
}

package parallellab.kernel;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a cell into Java code and magics. A cell that starts with {@code %%name args} is a cell
 * magic whose body is the rest of the cell; otherwise a line that starts with a single {@code %} is
 * a line magic and the lines between magics are Java code (their line numbers kept for errors).
 * Arguments split on spaces; single or double quotes keep spaces inside one argument.
 */
final class MagicLine {

    private MagicLine() {}

    sealed interface Part permits Code, LineMagic, CellMagic {}

    record Code(String code, int firstLine) implements Part {}

    record LineMagic(String name, List<String> args) implements Part {}

    record CellMagic(String name, List<String> args, String body) implements Part {}

    static List<Part> split(String cell) {
        String[] lines = cell.split("\n", -1);
        int first = 0;
        while (first < lines.length && lines[first].isBlank()) {
            first++;
        }
        if (first < lines.length && lines[first].stripLeading().startsWith("%%")) {
            List<String> words = words(lines[first].stripLeading().substring(2));
            String body = String.join("\n", java.util.Arrays.asList(lines).subList(first + 1, lines.length));
            String name = words.isEmpty() ? "" : words.get(0);
            return List.of(new CellMagic(name, words.isEmpty() ? List.of() : words.subList(1, words.size()), body));
        }
        List<Part> parts = new ArrayList<>();
        List<String> segment = new ArrayList<>();
        int segmentStart = 0;
        for (int i = 0; i < lines.length; i++) {
            String trimmed = lines[i].stripLeading();
            if (trimmed.startsWith("%") && !trimmed.startsWith("%%")) {
                addCode(parts, segment, segmentStart);
                segment.clear();
                segmentStart = i + 1;
                List<String> words = words(trimmed.substring(1));
                if (!words.isEmpty()) {
                    parts.add(new LineMagic(words.get(0), words.subList(1, words.size())));
                }
            } else {
                segment.add(lines[i]);
            }
        }
        addCode(parts, segment, segmentStart);
        return parts;
    }

    private static void addCode(List<Part> parts, List<String> segment, int firstLine) {
        String code = String.join("\n", segment);
        if (!code.isBlank()) {
            parts.add(new Code(code, firstLine));
        }
    }

    /** Splits magic arguments on white space, honouring single and double quotes. */
    static List<String> words(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        char quote = 0;
        boolean inWord = false;
        for (char ch : line.toCharArray()) {
            if (quote != 0) {
                if (ch == quote) {
                    quote = 0;
                } else {
                    word.append(ch);
                }
            } else if (ch == '"' || ch == '\'') {
                quote = ch;
                inWord = true;
            } else if (Character.isWhitespace(ch)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(ch);
                inWord = true;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }
}

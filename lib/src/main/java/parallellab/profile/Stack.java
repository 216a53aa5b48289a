package parallellab.profile;

import java.util.ArrayList;
import java.util.List;

/**
 * One line of async-profiler's "collapsed" stacks: the frames, root first, and how many samples
 * caught exactly that stack ({@code main;Scanner.scan;Workload.process 42}). Profiles are kept in
 * this text form because every tool reads it: the converter that draws flame graphs, Brendan
 * Gregg's flamegraph.pl, speedscope.
 */
public record Stack(List<String> frames, long samples) {

    /** The stacks of a collapsed text; lines that are not stacks are skipped. */
    public static List<Stack> parse(String collapsed) {
        List<Stack> stacks = new ArrayList<>();
        for (String line : collapsed.split("\n")) {
            int space = line.lastIndexOf(' ');
            if (space <= 0) {
                continue;
            }
            try {
                long samples = Long.parseLong(line.substring(space + 1).strip());
                stacks.add(new Stack(List.of(line.substring(0, space).split(";")), samples));
            } catch (NumberFormatException notAStack) {
                // a header or a blank line
            }
        }
        return stacks;
    }

    /** The stacks as collapsed text, one line each. */
    public static String format(List<Stack> stacks) {
        StringBuilder out = new StringBuilder();
        for (Stack s : stacks) {
            out.append(String.join(";", s.frames())).append(' ').append(s.samples()).append('\n');
        }
        return out.toString();
    }

    String top() {
        return frames.getLast();
    }
}

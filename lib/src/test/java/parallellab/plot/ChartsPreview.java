package parallellab.plot;

import java.nio.file.Path;

/** Not a test: writes the test charts to a folder to look at them. Args: output folder. */
public final class ChartsPreview {
    public static void main(String[] args) {
        Path dir = Path.of(args.length > 0 ? args[0] : "target/chart-preview");
        Charts.save(Charts.speedup(ChartsTest.sweep()), dir, "speedup");
        Charts.save(Charts.realVsCpu(ChartsTest.sweep()), dir, "real-vs-cpu");
        System.out.println("wrote " + dir.toAbsolutePath());
    }
}

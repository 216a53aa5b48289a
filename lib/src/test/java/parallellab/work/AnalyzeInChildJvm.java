package parallellab.work;

import java.nio.file.Path;

/** Test helper: analyses one file in a fresh JVM and prints the result's exact bits. */
final class AnalyzeInChildJvm {

    private AnalyzeInChildJvm() {}

    public static void main(String[] args) {
        System.out.println(bits(new AnalyzeWorkload().process(Path.of(args[0]))));
    }

    /** The analysis as the raw bits of each number: equal strings mean bit-identical results. */
    static String bits(FileResult result) {
        Analysis a = ((FileResult.Ok) result).analysis();
        StringBuilder out = new StringBuilder();
        for (double d : new double[] {a.analysedSeconds(), a.rmsDbfs(), a.peakDbfs(), a.tempoBpm(),
                a.spectralCentroidHz(), a.spectralRolloffHz()}) {
            out.append(Long.toHexString(Double.doubleToRawLongBits(d))).append(' ');
        }
        return out.toString().strip();
    }
}

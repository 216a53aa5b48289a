package parallellab.lessons;

import java.util.Locale;
import java.util.function.Function;
import java.util.function.ToDoubleBiFunction;
import parallellab.profile.Mode;
import parallellab.profile.Profile;
import tech.tablesaw.api.Table;

/**
 * The checks of lesson 02's exercises: which method runs the most (self samples, not total), and
 * what share of a profile passes through a method. Each is checked on a small profile made up for
 * the check, where the answers are known, and on the profile the learner took.
 */
public final class ProfileChecks {

    /** Stacks root first with their samples: {@code main} calls {@code scan}, which calls the rest. */
    private static final String MADE_UP = String.join("\n",
            "main;Scanner.scan;Decoder.decode 50",
            "main;Scanner.scan;Fft.transform 30",
            "main;Scanner.scan;Fft.transform;Math.sin 5",
            "main;Scanner.scan;Tags.read 10",
            "main;Scanner.scan 5");

    private ProfileChecks() {}

    /** Checks a function that names the method with the most self samples (on top of the stack). */
    public static void hottest(Function<Profile, String> hottest, Profile taken) {
        Verdict.print(() -> checkHottest(hottest, taken));
    }

    /** Checks a function that gives the share (0 to 1) of a profile's samples whose stack passes through a method. */
    public static void shareInside(ToDoubleBiFunction<Profile, String> share, Profile taken) {
        Verdict.print(() -> checkShare(share, taken));
    }

    static Verdict checkHottest(Function<Profile, String> hottest, Profile taken) {
        Profile madeUp = new Profile(Mode.CPU, "cpu", MADE_UP, "");
        for (Profile p : new Profile[] {madeUp, taken}) {
            Table bySelf = p.table().sortDescendingOn("self_samples");
            String expected = bySelf.stringColumn("method").get(0);
            String got = hottest.apply(p);
            if (!expected.equals(got)) {
                boolean isTotal = p.table().stringColumn("method").get(0).equals(got);
                return Verdict.wrong("you named " + got + (isTotal ? ", the method with the most total samples: it is on every stack, not running itself" : "")
                        + "; the most self samples are " + expected + "'s: sort the table on self_samples.");
            }
        }
        return Verdict.right("Decoder.decode in the made-up profile and " + hottest.apply(taken) + " in yours: the code that ran, on top of the stacks.");
    }

    static Verdict checkShare(ToDoubleBiFunction<Profile, String> share, Profile taken) {
        Profile madeUp = new Profile(Mode.CPU, "cpu", MADE_UP, "");
        String[][] cases = {{"made-up", "Fft.transform"}, {"yours", "AnalyzeWorkload.process"}};
        Profile[] profiles = {madeUp, taken};
        for (int i = 0; i < cases.length; i++) {
            Profile p = profiles[i];
            double expected = (double) p.focus(cases[i][1]).samples() / p.samples();
            double got = share.applyAsDouble(p, cases[i][1]);
            if (Math.abs(got - expected) > 0.005) {
                String hint = got > 1 ? "a share is between 0 and 1: divide by all the samples" : "count the samples whose stack passes through the method (focus), its callees' included, over all the samples";
                return Verdict.wrong(String.format(Locale.ROOT, "in the %s profile you gave %.3f for %s, not %.3f: %s.", cases[i][0], got, cases[i][1], expected, hint));
            }
        }
        return Verdict.right(String.format(Locale.ROOT, "0.35 of the made-up profile inside Fft.transform (Math.sin included) and %.2f of yours inside AnalyzeWorkload.process: that is its total %%, over 100.",
                share.applyAsDouble(taken, "AnalyzeWorkload.process")));
    }
}

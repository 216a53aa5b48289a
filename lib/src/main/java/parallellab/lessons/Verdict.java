package parallellab.lessons;

import java.util.concurrent.Callable;

/**
 * The one line a check prints: {@code ✔} and what is right, or {@code ✘} and what is wrong, in one
 * sentence a learner can act on.
 *
 * <p>{@link #print} is the only way a check reports: whatever the learner's code throws, and even a
 * bug in the check itself, ends as a {@code ✘} line, because a notebook cell that fails with a
 * stack trace teaches less than one sentence saying what to look at.
 */
public record Verdict(boolean right, String sentence) {

    public static Verdict right(String sentence) {
        return new Verdict(true, sentence);
    }

    public static Verdict wrong(String sentence) {
        return new Verdict(false, sentence);
    }

    /** The line as printed: {@code ✔ sentence} or {@code ✘ sentence}. */
    public String line() {
        return (right ? "✔ " : "✘ ") + sentence;
    }

    @Override
    public String toString() {
        return line();
    }

    /** Runs a check and prints its line; never throws. */
    static void print(Callable<Verdict> check) {
        System.out.println(of(check).line());
    }

    /** Runs a check; an exception becomes a {@code ✘} verdict that names it. */
    static Verdict of(Callable<Verdict> check) {
        try {
            return check.call();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return wrong("the check was interrupted before it could finish: run the cell again.");
        } catch (Throwable e) {
            return wrong("your code threw " + describe(e) + ": read it, fix the cause and run the cell again.");
        }
    }

    /** An exception as one line: its simple name and message, the cause's when it has none. */
    static String describe(Throwable e) {
        Throwable shown = e;
        while (shown.getMessage() == null && shown.getCause() != null) {
            shown = shown.getCause();
        }
        String message = shown.getMessage() == null ? "" : " (" + shown.getMessage().lines().findFirst().orElse("") + ")";
        return shown.getClass().getSimpleName() + message;
    }
}

package parallellab.measure;

/** Picks the best {@link UsageSource} once: getrusage, else /proc, else the MXBean. */
final class UsageSources {

    static final UsageSource BEST = pick();

    private UsageSources() {}

    private static UsageSource pick() {
        try {
            return Rusage.load();
        } catch (Throwable jnaMissing) { // LinkageError, UnsatisfiedLinkError, a failed call
            try {
                return ProcStatUsage.load();
            } catch (RuntimeException noProc) {
                return new MxBeanUsage();
            }
        }
    }
}

package parallellab.measure;

/** One way of reading {@link ProcessUsage}; package-private plumbing behind {@link Measure}. */
interface UsageSource {

    String name();

    ProcessUsage read();
}

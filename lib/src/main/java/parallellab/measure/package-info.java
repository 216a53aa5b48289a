/**
 * The operating system's view of a run: real time, user and system CPU (ours and our reaped
 * children's), and peak memory, the figures the Unix {@code time} command prints.
 *
 * <p>{@link parallellab.measure.Measure#time} wraps a block and returns its value with a
 * {@link parallellab.measure.Timing}. Underneath sit the probes, best first: {@code getrusage}
 * through JNA, {@code /proc} on Linux, then the JVM's MXBeans. The trade-off: precise figures need
 * a native call; the fallbacks tick in 10 ms steps or miss the children.
 */
package parallellab.measure;

/**
 * A simulated GIL: one lock that a thread must hold to run kit code, handed over on a timer the way
 * CPython's switch interval does.
 *
 * <p>The bottom layer, because every workload checks in with it. It is the one place with static
 * mutable state on purpose: the lesson is about a global lock. Off by default, so the rest of the
 * kit pays nothing for it; {@code Gil.activateIf(true)} turns it on for one scan.
 */
package parallellab.gil;

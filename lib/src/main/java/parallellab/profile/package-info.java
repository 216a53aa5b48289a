/**
 * Where the time goes: async-profiler started and stopped around a block, its samples turned into a
 * cumulative table and a flame graph.
 *
 * <p>A narrow native edge, like async-profiler's own Java API: {@link parallellab.profile.Profiler}
 * is the one class that talks to the native library, and it says so in one line when it cannot load.
 */
package parallellab.profile;

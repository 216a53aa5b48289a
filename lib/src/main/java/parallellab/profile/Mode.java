package parallellab.profile;

/**
 * What a profile samples. {@code CPU}: threads that are running, so time spent waiting is invisible
 * (cProfile's view of CPU-bound code). {@code WALL}: every thread at a fixed interval whether it
 * runs or waits, so a worker blocked on a queue or on I/O shows up.
 */
public enum Mode {
    CPU,
    WALL
}

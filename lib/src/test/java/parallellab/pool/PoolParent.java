package parallellab.pool;

import java.util.stream.Collectors;

/**
 * A parent JVM for the exit tests: starts a pool of two, prints the workers' pids, then exits
 * normally ({@code exit}) or waits to be killed ({@code wait}).
 */
public final class PoolParent {

    private PoolParent() {}

    public static void main(String[] args) throws InterruptedException {
        ProcessPool pool = ProcessPool.create(2);
        pool.awaitReady();
        System.out.println("pids " + pool.workerStats().stream().map(s -> String.valueOf(s.pid())).collect(Collectors.joining(" ")));
        System.out.flush();
        if (args[0].equals("exit")) {
            System.exit(0);
        }
        Thread.sleep(600_000);
    }
}

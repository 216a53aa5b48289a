package parallellab.lessons;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Ctrl-C with a pool. In a terminal, Ctrl-C sends SIGINT to the whole foreground process group:
 * the parent and every worker. Python's workers each raise {@code KeyboardInterrupt} mid-task, and
 * Python 2.7's {@code pool.map} then waits for ever (the fix the post links: workers ignore SIGINT,
 * and the parent waits with a timeout so that it can be interrupted).
 *
 * <p>This demo does the same to a scan with the kit's process pool: the command-line scanner runs
 * in a process group of its own ({@code setsid}, Linux), and {@code kill -INT} goes to the whole
 * group. Each JVM, the parent and the workers, runs its shutdown hooks and exits; the parent's hook
 * also terminates its pool. The notebook's stop button is different: it interrupts the cell's thread
 * (the kernel's interrupt mode is "message"), and the pool terminates its workers itself.
 */
public final class CtrlC {

    private CtrlC() {}

    /** Scans {@code library} with a process pool in its own process group, sends SIGINT to the group, and lists who is left. */
    public static Table processGroup(Path library, int workers) throws IOException, InterruptedException {
        if (!new File("/usr/bin/setsid").canExecute() && !new File("/bin/setsid").canExecute()) {
            return Table.create("setsid is not on this machine (it is Linux's): nothing to show",
                    StringColumn.create("process"), LongColumn.create("pid"), StringColumn.create("after SIGINT to the group"));
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        Process scan = new ProcessBuilder("setsid", java, "-cp", System.getProperty("java.class.path"), "parallellab.cli.Main",
                "scan", library.toString(), "--workload", "analyze", "--strategy", "process-pool", "--workers", Integer.toString(workers))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            List<ProcessHandle> group = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (System.nanoTime() < deadline && scan.isAlive()) {
                group = scan.descendants().filter(ProcessHandle::isAlive).toList();
                if (group.size() >= workers) {
                    break;
                }
                Thread.sleep(50);
            }
            Thread.sleep(500); // let the workers start on their first files
            List<ProcessHandle> before = new ArrayList<>(List.of(scan.toHandle()));
            before.addAll(group);
            new ProcessBuilder("kill", "-INT", "--", "-" + scan.pid()).start().waitFor();
            boolean ended = scan.waitFor(10, TimeUnit.SECONDS);
            Thread.sleep(300);
            StringColumn process = StringColumn.create("process");
            LongColumn pid = LongColumn.create("pid");
            StringColumn after = StringColumn.create("after SIGINT to the group");
            for (ProcessHandle p : before) {
                process.append(p.pid() == scan.pid() ? "the scan (parent JVM)" : "a worker JVM");
                pid.append(p.pid());
                after.append(p.pid() == scan.pid()
                        ? (ended ? "exited, code " + scan.exitValue() + " (128 + 2, SIGINT)" : "still running")
                        : (p.isAlive() ? "still running" : "exited"));
            }
            return Table.create("kill -INT to the process group of a scan with " + workers + " worker JVMs", process, pid, after);
        } finally {
            scan.descendants().forEach(ProcessHandle::destroyForcibly);
            scan.destroyForcibly();
            scan.waitFor(5, TimeUnit.SECONDS);
        }
    }
}

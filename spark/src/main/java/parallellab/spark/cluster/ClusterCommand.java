package parallellab.spark.cluster;

import java.io.PrintStream;
import java.util.List;
import java.util.Optional;

/**
 * {@code ./lab cluster start|status|stop}: a {@link LocalCluster} from the command line. Every
 * mistake or failure is one line on stderr and exit code 1 (2 for a wrong command line).
 */
public final class ClusterCommand {

    private static final String USAGE = """
            usage: ./lab cluster start [--workers N] [--cores C] [--memory M] [--port P] [--webui-port P]
                   ./lab cluster status
                   ./lab cluster stop
              start   a Spark standalone master and N workers on 127.0.0.1 (default: 2 workers, 1 core, 1g each;
                      ports 7077 and 8080, 0 for any free one), from the driver's own Spark jars
              status  the master, its workers and the running applications
              stop    stops them all; no process of theirs is left""";

    private ClusterCommand() {}

    public static void main(String[] args) {
        System.exit(run(List.of(args), System.out, System.err));
    }

    static int run(List<String> args, PrintStream out, PrintStream err) {
        if (args.isEmpty() || args.contains("-h") || args.contains("--help")) {
            (args.isEmpty() ? err : out).println(USAGE);
            return args.isEmpty() ? 2 : 0;
        }
        try {
            switch (args.getFirst()) {
                case "start" -> start(parse(args.subList(1, args.size())), out);
                case "status" -> {
                    noMoreArguments(args);
                    out.println(running().status());
                }
                case "stop" -> {
                    noMoreArguments(args);
                    Optional<LocalCluster> cluster = LocalCluster.find(LocalCluster.defaultHome());
                    if (cluster.isEmpty()) {
                        out.println("no cluster is running");
                    } else {
                        cluster.get().stop();
                        out.println("stopped the cluster at " + cluster.get().masterUrl());
                    }
                }
                default -> throw new UsageException("unknown cluster command '" + args.getFirst() + "' (try start, status or stop)");
            }
            return 0;
        } catch (UsageException e) {
            err.println("lab: error: " + e.getMessage());
            return 2;
        } catch (RuntimeException e) {
            err.println("lab: error: " + e.getMessage());
            return 1;
        }
    }

    private static void start(LocalCluster.Options options, PrintStream out) {
        out.printf("starting a Spark master and %d workers (%d core%s, %s each) on 127.0.0.1 ...%n",
                options.workers(), options.cores(), options.cores() == 1 ? "" : "s", options.memory());
        LocalCluster cluster = LocalCluster.start(options);
        out.println("master  " + cluster.masterUrl());
        out.println("web UI  " + cluster.webUiUrl());
        out.println("logs    " + cluster.logs().getFirst().getParent() + " (" + String.join(", ",
                cluster.logs().stream().map(p -> p.getFileName().toString()).toList()) + "); executors: " + cluster.workFolder());
        out.println("all " + options.workers() + " workers registered. Scan on it with:");
        out.println("  ./lab scan data/library --strategy spark --master " + cluster.masterUrl());
        out.println("stop it with ./lab cluster stop");
    }

    private static LocalCluster running() {
        return LocalCluster.find(LocalCluster.defaultHome())
                .orElseThrow(() -> new IllegalStateException("no cluster is running (start one with ./lab cluster start)"));
    }

    private static void noMoreArguments(List<String> args) {
        if (args.size() > 1) {
            throw new UsageException("'" + args.getFirst() + "' takes no options (got " + String.join(" ", args.subList(1, args.size())) + ")");
        }
    }

    static LocalCluster.Options parse(List<String> options) {
        LocalCluster.Options o = LocalCluster.Options.defaults();
        int workers = o.workers(), cores = o.cores(), port = o.port(), webUiPort = o.webUiPort();
        String memory = o.memory();
        for (int i = 0; i < options.size(); i++) {
            String option = options.get(i);
            if (i + 1 >= options.size()) {
                throw new UsageException(option.startsWith("--") ? option + " needs a value" : "unexpected argument '" + option + "'");
            }
            String value = options.get(++i);
            switch (option) {
                case "--workers" -> workers = number(option, value);
                case "--cores" -> cores = number(option, value);
                case "--memory" -> memory = value;
                case "--port" -> port = number(option, value);
                case "--webui-port" -> webUiPort = number(option, value);
                default -> throw new UsageException("unknown option '" + option + "' (try --workers, --cores, --memory, --port, --webui-port)");
            }
        }
        try {
            return new LocalCluster.Options(workers, cores, memory, port, webUiPort);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private static int number(String option, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new UsageException(option + " takes a whole number (got '" + value + "')");
        }
    }

    /** A wrong command line: exit code 2. */
    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }
}

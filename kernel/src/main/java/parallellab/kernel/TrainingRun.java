package parallellab.kernel;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.dflib.jjava.jupyter.channels.JupyterSocket;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;
import org.dflib.jjava.jupyter.messages.HMACGenerator;
import org.dflib.jjava.jupyter.messages.Header;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.MessageType;
import org.dflib.jjava.jupyter.messages.request.CompleteRequest;
import org.dflib.jjava.jupyter.messages.request.ExecuteRequest;
import org.dflib.jjava.jupyter.messages.request.IsCompleteRequest;
import org.dflib.jjava.jupyter.messages.request.KernelInfoRequest;
import org.dflib.jjava.jupyter.messages.request.ShutdownRequest;
import org.slf4j.helpers.NOPLogger;
import org.zeromq.SocketType;
import org.zeromq.ZMQ;

/**
 * The training run behind the kernel's start-up cache ({@code Main --train}, started by {@link Install} and
 * {@link StartupCache}): a whole kernel on loopback ports, driven through its own sockets by a client in the
 * same JVM, as JupyterLab drives it: {@code kernel_info}, cells of the kinds lessons have (reruns, a table
 * shown, a magic), a completion, an {@code is_complete}, then {@code shutdown}. What that loads goes into the
 * cache: JShell and javac, and also ZeroMQ, the message classes, their JSON and signatures, which a kernel
 * started from a cache trained on JShell alone loads from the jars (about 800 classes) while JShell starts.
 * Trade-off: the training opens five loopback ports for its few seconds, and a client lives here only for it.
 */
final class TrainingRun {

    /**
     * Cells of the kinds lessons have, each run once. The run's method profiles go into the cache too, and the JIT
     * compiles what they call hot as soon as a kernel starts: trained on 200 cells, a kernel's C2 compiler was busy
     * through its first cells, which took 25.7 ms each against 20.0 ms after this short training.
     */
    static final List<String> CELLS = List.of(
            "1 + 1",
            "1 + 1", // a rerun: the expression goes in as a declaration of its type (RepeatedExpressions)
            "int workers = 2;",
            "String workload = \"tags\";",
            "workers * 2",
            "var t = Table.create(\"t\", IntColumn.create(\"n\", 1, 2));",
            "List<Integer> sizes = new ArrayList<>(List.of(1, 2, 4));",
            "sizes.stream().mapToInt(Integer::intValue).sum()",
            "long count(int n) { long c = 0; for (int i = 0; i < n; i++) { c += i; } return c; }",
            "count(1000)",
            "record Point(int x, int y) { }",
            "new Point(1, 2)",
            "System.out.println(\"workers: \" + workers);",
            "%%time\nint z = 1;",
            "Path here = Path.of(\"data\");",
            "t");

    private static final int CELL_COUNT = Integer.getInteger("parallellab.train.cells", CELLS.size());
    private static final int REPLY_TIMEOUT_MS = 120_000;

    private TrainingRun() {}

    /** The training run of {@code Main --train}: {@link #CELLS}, or {@code parallellab.train.cells} of them in turn. */
    static void run(PrintStream log) throws Exception {
        run(log, CELLS, CELL_COUNT);
    }

    /** Runs a kernel and drives it through {@code count} cells taken in turn from {@code cells}; throws when one fails. */
    static void run(PrintStream log, List<String> cells, int count) throws Exception {
        String key = UUID.randomUUID().toString();
        KernelConnectionProperties properties = KernelConnectionProperties.parse(connection(key));
        // The kernel sends System.err to its cells: a kernel thread that dies must say so in the training's log.
        Thread.UncaughtExceptionHandler before = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((thread, e) -> {
            log.println("training: " + thread.getName() + " failed");
            e.printStackTrace(log);
        });
        Thread kernel = new Thread(() -> {
            try {
                Main.serve(properties, log);
            } catch (Exception e) {
                e.printStackTrace(log);
            }
        }, "training-kernel");
        kernel.start();
        HMACGenerator signer = new HMACGenerator(properties.getSignatureScheme(), key);
        try {
            drive(properties, signer, kernel, cells, count);
        } finally {
            kernel.join(REPLY_TIMEOUT_MS);
            Thread.setDefaultUncaughtExceptionHandler(before);
        }
    }

    private static void drive(KernelConnectionProperties properties, HMACGenerator signer, Thread kernel,
            List<String> cells, int count) {
        try (ZMQ.Context context = ZMQ.context(1);
                ClientSocket shell = new ClientSocket(context, SocketType.DEALER, signer);
                ClientSocket iopub = new ClientSocket(context, SocketType.SUB, signer);
                ZMQ.Poller poller = context.poller(2)) {
            shell.setLinger(0); // closing must not wait for a request a dead kernel never took
            iopub.setLinger(0);
            String address = properties.getTransport() + "://" + properties.getIp() + ":";
            shell.connect(address + properties.getShellPort());
            iopub.subscribe(new byte[0]);
            iopub.connect(address + properties.getIopubPort());
            poller.register(shell, ZMQ.Poller.POLLIN);
            poller.register(iopub, ZMQ.Poller.POLLIN);
            Client client = new Client(shell, iopub, poller, UUID.randomUUID().toString(), kernel);
            try {
                client.request(KernelInfoRequest.MESSAGE_TYPE, new KernelInfoRequest());
                for (int i = 0; i < count; i++) {
                    client.request(ExecuteRequest.MESSAGE_TYPE, new ExecuteRequest(cells.get(i % cells.size()),
                            false, true, Map.of(), false, true));
                }
                client.request(CompleteRequest.MESSAGE_TYPE, new CompleteRequest("Sys", 3));
                client.request(IsCompleteRequest.MESSAGE_TYPE, new IsCompleteRequest("int x ="));
            } finally {
                if (kernel.isAlive()) { // also after a failed cell: the kernel's threads and JShell stop
                    client.request(ShutdownRequest.MESSAGE_TYPE, ShutdownRequest.SHUTDOWN);
                }
            }
        }
    }

    /**
     * Sends one request at a time and waits for its reply, reading what the kernel publishes meanwhile. Replies
     * are read as frames (jjava-jupyter reads only the requests a kernel receives); a reply with status "error"
     * fails the training, so that a cache is never made from a kernel that could not run its cells.
     */
    private record Client(ClientSocket shell, ClientSocket iopub, ZMQ.Poller poller, String session, Thread kernel) {
        <T> void request(MessageType<T> type, T content) {
            shell.sendMessage(new Message<>(List.of(), new Header<>(session, type), content));
            long deadline = System.currentTimeMillis() + REPLY_TIMEOUT_MS;
            while (true) {
                long left = deadline - System.currentTimeMillis();
                if (left <= 0 || !kernel.isAlive()) {
                    throw new IllegalStateException("the training kernel " + (left <= 0 ? "did not answer" : "stopped before answering")
                            + " a " + type.getName());
                }
                if (poller.poll(Math.min(left, 200)) <= 0) {
                    continue;
                }
                while (poller.pollin(1)) { // what the kernel published: status, streams, results
                    frames(iopub);
                    poller.poll(0);
                }
                if (poller.pollin(0)) {
                    List<byte[]> reply = frames(shell);
                    String status = status(reply);
                    if (status.equals("error") || status.equals("aborted") || status.equals("no reply")) {
                        throw new IllegalStateException("the training kernel answered a " + type.getName() + " with "
                                + status + (content instanceof ExecuteRequest cell ? ": " + cell.getCode() : ""));
                    }
                    return;
                }
            }
        }

        /** A whole message: its frames up to the last. */
        private static List<byte[]> frames(ZMQ.Socket socket) {
            List<byte[]> frames = new ArrayList<>();
            do {
                frames.add(socket.recv());
            } while (socket.hasReceiveMore());
            return frames;
        }

        /** The reply's status: the content frame is the fifth after the {@code <IDS|MSG>} delimiter. */
        private static String status(List<byte[]> frames) {
            for (int i = 0; i + 5 < frames.size(); i++) {
                if (new String(frames.get(i), StandardCharsets.UTF_8).equals("<IDS|MSG>")) {
                    JsonObject content = JsonParser.parseString(new String(frames.get(i + 5), StandardCharsets.UTF_8))
                            .getAsJsonObject();
                    return content.has("status") ? content.get("status").getAsString() : "no status";
                }
            }
            return "no reply";
        }
    }

    /** A client end of a Jupyter socket: signs and reads messages as the kernel's own sockets do. */
    private static final class ClientSocket extends JupyterSocket {
        ClientSocket(ZMQ.Context context, SocketType type, HMACGenerator signer) {
            super(context, type, signer, NOPLogger.NOP_LOGGER);
        }

        @Override
        public void bind(KernelConnectionProperties properties) {
            throw new UnsupportedOperationException("a client connects");
        }
    }

    /** A connection file's content on five free loopback ports. */
    private static String connection(String key) throws IOException {
        List<ServerSocket> held = new ArrayList<>(); // all open at once, so that the five ports differ
        try {
            while (held.size() < 5) {
                held.add(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
            }
            return "{\"transport\": \"tcp\", \"ip\": \"127.0.0.1\", \"shell_port\": " + held.get(0).getLocalPort()
                    + ", \"iopub_port\": " + held.get(1).getLocalPort() + ", \"stdin_port\": " + held.get(2).getLocalPort()
                    + ", \"control_port\": " + held.get(3).getLocalPort() + ", \"hb_port\": " + held.get(4).getLocalPort()
                    + ", \"signature_scheme\": \"hmac-sha256\", \"key\": \"" + key + "\", \"kernel_name\": \"parallel-lab\"}";
        } finally {
            for (ServerSocket socket : held) {
                socket.close();
            }
        }
    }
}

package parallellab.kernel;

import java.io.PrintStream;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import org.dflib.jjava.jupyter.channels.JupyterConnection;
import org.dflib.jjava.jupyter.channels.ShellChannel;
import org.dflib.jjava.jupyter.channels.ShellHandler;
import org.dflib.jjava.jupyter.channels.ShellReplyEnvironment;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.publish.PublishStatus;
import org.zeromq.ZMQ;

/**
 * The kernel's sockets, with requests picked up the moment they arrive. jjava-jupyter's shell
 * and control loops poll without waiting and then sleep 50 ms, which adds 0–50 ms (25 on average)
 * to every request: half the round trip of a trivial cell. Here each of the two sockets has a
 * thread blocked in {@code poll} instead; it wakes when a message arrives, and every
 * {@link #POLL_MS} ms to see whether the connection is closing. The other sockets (heartbeat,
 * iopub, stdin) and the message handling are jjava-jupyter's own.
 */
final class PromptConnection extends JupyterConnection {

    private static final long POLL_MS = 200;

    private final KernelConnectionProperties properties;
    private final PrintStream log;
    private final List<Thread> loops = new ArrayList<>();
    /** Only makes the pollers' selectors: the sockets belong to the connection's own context. */
    private final ZMQ.Context pollers = ZMQ.context(1);
    private volatile boolean open;

    PromptConnection(KernelConnectionProperties properties, PrintStream log) throws NoSuchAlgorithmException, InvalidKeyException {
        super(properties);
        this.properties = properties;
        this.log = log;
    }

    @Override
    public synchronized void connect() {
        if (open) {
            return;
        }
        heartbeat.bind(properties);
        stdin.bind(properties);
        iopub.bind(properties);
        open = true;
        serve(shell, properties.getShellPort(), "shell");
        serve(control, properties.getControlPort(), "control");
        iopub.sendMessage(new Message<>(null, PublishStatus.MESSAGE_TYPE, PublishStatus.STARTING));
    }

    private void serve(ShellChannel socket, int port, String name) {
        socket.bind(properties.getTransport() + "://" + properties.getIp() + ":" + port);
        Thread loop = new Thread(() -> {
            try (ZMQ.Poller poller = pollers.poller(1)) {
                poller.register(socket, ZMQ.Poller.POLLIN);
                while (open) {
                    if (poller.poll(POLL_MS) > 0 && open) {
                        Message<?> message;
                        try {
                            message = socket.readMessage();
                        } catch (RuntimeException e) {
                            // A message the protocol cannot read (a header without a session, bad JSON) is
                            // dropped; ending the loop would leave the kernel deaf to every later request.
                            log.println("[kernel] dropped a malformed message on " + name + ": " + e);
                            continue;
                        }
                        handle(socket, message);
                    }
                }
            }
        }, "kernel-" + name);
        loops.add(loop);
        loop.start();
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void handle(ShellChannel socket, Message<?> message) {
        ShellHandler handler = getHandler(message.getHeader().getType());
        if (handler == null) {
            log.println("[kernel] no handler for " + message.getHeader().getType().getName());
            return;
        }
        ShellReplyEnvironment env = prepareReplyEnv(socket, message);
        try {
            handler.handle(env, message);
        } catch (RuntimeException e) {
            log.println("[kernel] " + message.getHeader().getType().getName() + " failed: " + e);
        } finally {
            env.resolveDeferrals();
        }
        if (env.isMarkedForShutdown()) {
            close();
        }
    }

    /** Stops both loops (each within one poll timeout), then closes every socket. */
    @Override
    public void close() {
        synchronized (this) {
            if (!open) {
                return;
            }
            open = false;
        }
        for (Thread loop : loops) {
            if (loop != Thread.currentThread()) {
                joinQuietly(loop);
            }
        }
        super.close();
        pollers.close();
    }

    @Override
    public void waitUntilClose() {
        for (Thread loop : loops) {
            joinQuietly(loop);
        }
        super.waitUntilClose();
    }

    private static void joinQuietly(Thread thread) {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package parallellab.kernel;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import jdk.jshell.SourceCodeAnalysis;
import org.dflib.jjava.jupyter.channels.JupyterConnection;
import org.dflib.jjava.jupyter.channels.ShellReplyEnvironment;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.HelpLink;
import org.dflib.jjava.jupyter.kernel.JupyterIO;
import org.dflib.jjava.jupyter.kernel.LanguageInfo;
import org.dflib.jjava.jupyter.kernel.ReplacementOptions;
import org.dflib.jjava.jupyter.kernel.comm.CommManager;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.magic.MagicsRegistry;
import org.dflib.jjava.jupyter.kernel.util.StringStyler;
import org.dflib.jjava.jupyter.kernel.util.TextColor;
import org.dflib.jjava.jupyter.messages.Header;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.MessageType;
import org.dflib.jjava.jupyter.messages.publish.PublishDisplayData;
import org.dflib.jjava.jupyter.messages.publish.PublishError;
import org.dflib.jjava.jupyter.messages.publish.PublishExecuteInput;
import org.dflib.jjava.jupyter.messages.publish.PublishExecuteResult;
import org.dflib.jjava.jupyter.messages.publish.PublishStream;
import org.dflib.jjava.jupyter.messages.publish.PublishUpdateDisplayData;
import org.dflib.jjava.jupyter.messages.reply.ErrorReply;
import org.dflib.jjava.jupyter.messages.reply.ExecuteReply;
import org.dflib.jjava.jupyter.messages.request.ExecuteRequest;
import org.dflib.jjava.jupyter.messages.request.HistoryRequest;
import org.dflib.jjava.jupyter.messages.request.KernelInfoRequest;
import parallellab.measure.Stopwatch;
import parallellab.measure.Timing;
import parallellab.kernel.jshell.JShellEvaluator;
import parallellab.kernel.jshell.StopSignal;
import parallellab.kernel.jshell.IsComplete;
import parallellab.kernel.jshell.Inspection;
import parallellab.kernel.jshell.CellFailure;
import parallellab.kernel.jshell.CellResources;

/**
 * The parallel-lab Jupyter kernel: jjava-jupyter speaks the protocol, a {@link JShellEvaluator}
 * runs the cells in this JVM. One cell at a time runs on the shell thread; an interrupt arrives on
 * the control thread and stops it. Every cell is timed ({@link CellTimings}); everything any thread
 * prints goes to the running cell ({@link OutputRouter}).
 */
public final class LabKernel extends BaseKernel {

    static final String VERSION = "0.1.0";

    private volatile CompletableFuture<JShellEvaluator> evaluator; // replaced by %reset
    private final CellResources resources = new CellResources();
    private final OutputRouter output;
    private final CellInput input;
    private final CellHistory history;
    private final CellTimings timings = new CellTimings();
    private final MavenArtifacts maven = new MavenArtifacts();
    private final PrintStream log;
    private final AtomicReference<ShellReplyEnvironment> cellEnv = new AtomicReference<>();
    private final AtomicBoolean timingSummary = new AtomicBoolean(false);
    private volatile int currentCell;
    private final java.util.concurrent.atomic.AtomicInteger displayCounter = new java.util.concurrent.atomic.AtomicInteger();

    LabKernel(CompletableFuture<JShellEvaluator> evaluator, OutputRouter output, CellInput input, CellHistory history, PrintStream log) {
        super("parallel-lab", VERSION,
                new LanguageInfo("java", Runtime.version().toString(), "text/x-java", ".jshell", "java", "java", null),
                List.of(new HelpLink("Java API", "https://docs.oracle.com/en/java/javase/" + Runtime.version().feature() + "/docs/api/")),
                history, new JupyterIO(StandardCharsets.UTF_8), new CommManager(), new Renderer(), null, new MagicsRegistry(), true,
                new StringStyler.Builder()
                        .addPrimaryStyle(TextColor.BOLD_BLACK_FG)
                        .addSecondaryStyle(TextColor.BOLD_RED_FG)
                        .addHighlightStyle(TextColor.BOLD_RED_FG)
                        .build());
        this.evaluator = evaluator;
        this.output = output;
        this.input = input;
        this.history = history;
        this.log = log;
        KernelMagics.register(this, magicsRegistry);
    }

    JShellEvaluator evaluator() throws CellFailure {
        try {
            return evaluator.join();
        } catch (RuntimeException e) {
            throw new CellFailure("KernelStartupError", "JShell could not start: " + e.getMessage(),
                    List.of("JShell could not start: " + e));
        }
    }

    /**
     * {@code %reset}: closes the kit resources the cells' variables hold, then the JShell, interrupts
     * the threads cells started, and goes on with a fresh JShell in this same kernel.
     */
    void reset() throws CellFailure {
        JShellEvaluator fresh = evaluator().reset();
        evaluator = CompletableFuture.completedFuture(fresh);
        List<String> stuck = resources.stopThreads();
        System.out.println("reset: a fresh JShell with the default imports (%imports lists them)");
        if (!stuck.isEmpty()) {
            System.err.println("warning: these threads did not stop when interrupted: " + String.join(", ", stuck));
        }
    }

    MavenArtifacts maven() {
        return maven;
    }

    CellTimings timings() {
        return timings;
    }

    boolean timingSummary(Boolean on) {
        if (on != null) {
            timingSummary.set(on);
        }
        return timingSummary.get();
    }

    int currentCell() {
        return currentCell;
    }

    // ---------------------------------------------------------------- execute

    @Override
    protected synchronized void handleExecuteRequest(ShellReplyEnvironment env, Message<ExecuteRequest> message) {
        commManager.setMessageContext(message);
        ExecuteRequest request = message.getContent();
        String code = request.getCode();
        boolean silent = request.isSilent();
        boolean store = request.shouldStoreHistory() && !silent;
        int count = store ? executionCount.getAndIncrement() : executionCount.get();
        currentCell = count;

        env.setBusyDeferIdle();
        env.publish(new PublishExecuteInput(code, count));
        cellEnv.set(env);
        output.attach((stream, text) -> env.publish(new PublishStream(
                stream.equals("stdout") ? PublishStream.StreamType.OUT : PublishStream.StreamType.ERR, text)));
        if (request.isStdinEnabled()) {
            input.attach(prompt -> env.readFromStdIn(prompt, false));
        }
        // The first cell may come before JShell has started: wait for it here, not inside the cell, so that the
        // threads its start leaves (JNA's cleaner, JShell's own) are not counted as the cell's.
        try {
            evaluator.join().newCell();
        } catch (RuntimeException startFailed) {
            StopSignal.clear(); // runCell reports the failure
        }
        CellResources.Snapshot before = silent ? null : CellResources.snapshot();
        CellOutcome outcome;
        Timing timing;
        try (Stopwatch watch = Stopwatch.start()) {
            outcome = runCell(code, count);
            timing = watch.stop();
        }
        if (!silent) {
            timings.record(count, code, timing);
        }
        DisplayData result = null;
        if (outcome instanceof CellOutcome.Completed(Object value) && value != null && !silent) {
            try {
                result = value instanceof DisplayData d ? d : renderer.render(value);
            } catch (RuntimeException e) {
                outcome = new CellOutcome.Failed(internalFailure(e));
            }
        }
        if (timingSummary.get() && !silent) {
            System.out.println("[" + count + "] " + timing.summary());
        }
        if (before != null) {
            String leftover = resources.afterCell(code, before);
            if (leftover != null) {
                System.err.println(leftover);
            }
        }
        input.detach();
        output.detach();
        cellEnv.set(null);
        if (store) {
            history.add(count, code, result == null ? null : String.valueOf(result.getData(org.dflib.jjava.jupyter.kernel.display.mime.MIMEType.TEXT_PLAIN)));
        }
        reply(env, count, outcome, result);
    }

    /** Runs a cell to its outcome: whatever it throws, the kernel replies. */
    private CellOutcome runCell(String code, int count) {
        try {
            return new CellOutcome.Completed(evalCell(code, count));
        } catch (CellFailure f) {
            return new CellOutcome.Failed(f);
        } catch (CellFailureException f) {
            return new CellOutcome.Failed(f.failure);
        } catch (StopSignal.CellStoppedError e) {
            return new CellOutcome.Failed(CellFailure.interrupted());
        } catch (Exception | LinkageError | OutOfMemoryError | StackOverflowError e) {
            return new CellOutcome.Failed(internalFailure(e));
        }
    }

    private void reply(ShellReplyEnvironment env, int count, CellOutcome outcome, DisplayData result) {
        switch (outcome) {
            case CellOutcome.Completed c -> {
                if (result != null) {
                    env.publish(new PublishExecuteResult(count, result));
                }
                env.defer().reply(new ExecuteReply(count, Map.of()));
            }
            case CellOutcome.Failed(CellFailure f) -> {
                env.publish(new PublishError(f.ename(), f.evalue(), f.traceback()));
                ErrorReply error = new ErrorReply(f.ename(), f.evalue(), f.traceback());
                error.setExecutionCount(count);
                env.defer().replyError(ExecuteReply.MESSAGE_TYPE.error(), error);
            }
        }
    }

    private CellFailure internalFailure(Throwable e) {
        String name = e.getClass().getSimpleName();
        String message = e.getMessage() == null ? "" : e.getMessage();
        List<String> lines = new ArrayList<>();
        lines.add(e.toString());
        for (StackTraceElement frame : e.getStackTrace()) {
            if (frame.getClassName().startsWith("parallellab.kernel.LabKernel")) {
                break;
            }
            lines.add("\tat " + frame);
        }
        return new CellFailure(name, message, lines);
    }

    /** Runs a cell: a cell magic, or Java code with line magics on lines of their own. */
    Object evalCell(String code, int count) throws Exception {
        List<MagicLine.Part> parts = MagicLine.split(code);
        Object last = null;
        for (MagicLine.Part part : parts) {
            switch (part) {
                case MagicLine.Code c -> {
                    JShellEvaluator.Result r = evaluator().eval(c.code(), count, c.firstLine());
                    last = r.hasValue() ? r.value() : null;
                }
                case MagicLine.LineMagic m -> last = runLineMagic(m.name(), m.args());
                case MagicLine.CellMagic m -> last = runCellMagic(m.name(), m.args(), m.body());
            }
        }
        return last;
    }

    private Object runLineMagic(String name, List<String> args) throws Exception {
        if (!magicsRegistry.getLineMagicNames().contains(name)) {
            throw new CellFailure("UndefinedMagic", "%" + name + " is not a line magic", List.of("%" + name + " is not a line magic; %lsmagic lists them."));
        }
        try {
            return magicsRegistry.evalLineMagic(this, name, args);
        } catch (IllegalArgumentException e) {
            throw usageError(e);
        }
    }

    private Object runCellMagic(String name, List<String> args, String body) throws Exception {
        if (!magicsRegistry.getCellMagicNames().contains(name)) {
            throw new CellFailure("UndefinedMagic", "%%" + name + " is not a cell magic", List.of("%%" + name + " is not a cell magic; %lsmagic lists them."));
        }
        try {
            return magicsRegistry.evalCellMagic(this, name, args, body);
        } catch (IllegalArgumentException e) {
            throw usageError(e);
        }
    }

    /** A magic's wrong arguments: its message, without a stack trace (the extension's magics say so this way). */
    private static CellFailure usageError(IllegalArgumentException e) {
        String message = String.valueOf(e.getMessage());
        return new CellFailure("MagicError", message, List.of(message));
    }

    /** Evaluates code for a magic or an extension; compile and runtime errors surface as {@link CellFailure}. */
    @Override
    public Object evalRaw(String code) {
        try {
            JShellEvaluator.Result r = evaluator().eval(code, currentCell, 0);
            return r.hasValue() ? r.value() : null;
        } catch (CellFailure f) {
            throw new CellFailureException(f);
        }
    }

    /** Carries a {@link CellFailure} through APIs that allow only unchecked exceptions. */
    static final class CellFailureException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final CellFailure failure;

        CellFailureException(CellFailure failure) {
            super(failure.ename() + ": " + failure.evalue(), null, false, false);
            this.failure = failure;
        }
    }

    @Override
    public void interrupt() {
        if (cellEnv.get() == null) {
            return;
        }
        if (evaluator.isDone() && !evaluator.isCompletedExceptionally()) {
            evaluator.join().stop();
        } else {
            StopSignal.request();
        }
    }

    // ---------------------------------------------------------------- display

    @Override
    public void display(DisplayData data) {
        ShellReplyEnvironment env = cellEnv.get();
        if (env == null) {
            log.println("[kernel] display outside a running cell was dropped");
            return;
        }
        output.flush();
        env.publish(new PublishDisplayData(data));
    }

    void updateDisplay(DisplayData data) {
        ShellReplyEnvironment env = cellEnv.get();
        if (env == null) {
            log.println("[kernel] display update outside a running cell was dropped");
            return;
        }
        output.flush();
        env.publish(new PublishUpdateDisplayData(data));
    }

    String newDisplayId() {
        return "parallel-lab-" + ProcessHandle.current().pid() + "-" + displayCounter.incrementAndGet();
    }

    // ---------------------------------------------------------------- completion, inspection

    @Override
    public ReplacementOptions complete(String code, int at) {
        JShellEvaluator e;
        try {
            e = evaluator();
        } catch (CellFailure f) {
            return null;
        }
        int[] anchor = new int[1];
        List<SourceCodeAnalysis.Suggestion> suggestions = e.completionAnalysis().completionSuggestions(code, at, anchor);
        Set<String> options = new LinkedHashSet<>();
        suggestions.stream().filter(SourceCodeAnalysis.Suggestion::matchesType).forEach(s -> options.add(s.continuation()));
        suggestions.forEach(s -> options.add(s.continuation()));
        return new ReplacementOptions(new ArrayList<>(options), anchor[0], at);
    }

    @Override
    public DisplayData inspect(String code, int at, boolean extraDetail) {
        JShellEvaluator e;
        try {
            e = evaluator();
        } catch (CellFailure f) {
            return null;
        }
        String text = Inspection.describe(e.completionAnalysis(), code, at);
        if (text == null || text.isBlank()) {
            return null;
        }
        return new DisplayData(text);
    }

    @Override
    public String isComplete(String code) {
        if (code.stripLeading().startsWith("%")) {
            return IS_COMPLETE_YES;
        }
        JShellEvaluator e;
        try {
            e = evaluator();
        } catch (CellFailure f) {
            return IS_COMPLETE_MAYBE;
        }
        return IsComplete.of(e.analysis(), code);
    }

    // ---------------------------------------------------------------- protocol fixes

    @Override
    public void becomeHandlerForConnection(JupyterConnection connection) {
        super.becomeHandlerForConnection(connection);
        connection.setHandler(MessageType.KERNEL_INFO_REQUEST, this::handleKernelInfoRequest);
        connection.setHandler(MessageType.HISTORY_REQUEST, this::handleHistoryRequest);
    }

    @Override
    protected void handleKernelInfoRequest(ShellReplyEnvironment env, Message<KernelInfoRequest> message) {
        env.setBusyDeferIdle();
        env.reply(new Replies.KernelInfo(Header.PROTOCOL_VERISON, name, version, getLanguageInfo(), getBanner(), getHelpLinks()));
    }

    @Override
    protected void handleHistoryRequest(ShellReplyEnvironment env, Message<HistoryRequest> message) {
        HistoryRequest request = message.getContent();
        env.setBusyDeferIdle();
        Set<org.dflib.jjava.jupyter.kernel.history.HistoryManager.ResultFlag> flags =
                java.util.EnumSet.noneOf(org.dflib.jjava.jupyter.kernel.history.HistoryManager.ResultFlag.class);
        if (request.includeOutput()) {
            flags.add(org.dflib.jjava.jupyter.kernel.history.HistoryManager.ResultFlag.INCLUDE_OUTPUT);
        }
        var entries = switch (request.getAccessType()) {
            case TAIL -> history.lookupTail(((HistoryRequest.Tail) request).getMaxReturnLength(), flags);
            case RANGE -> {
                HistoryRequest.Range r = (HistoryRequest.Range) request;
                yield history.lookupRange(r.getSessionIndex(), r.getStart(), r.getStop(), flags);
            }
            case SEARCH -> {
                HistoryRequest.Search s = (HistoryRequest.Search) request;
                if (s.filterUnique()) {
                    flags.add(org.dflib.jjava.jupyter.kernel.history.HistoryManager.ResultFlag.UNIQUE);
                }
                yield history.search(s.getPattern(), s.getMaxReturnLength(), flags);
            }
        };
        env.reply(new Replies.History(entries));
    }

    @Override
    public String getBanner() {
        return "parallel-lab kernel " + VERSION + " :: JShell on Java " + Runtime.version();
    }

    @Override
    public void onShutdown(boolean isRestarting) {
        super.onShutdown(isRestarting);
        if (evaluator.isDone() && !evaluator.isCompletedExceptionally()) {
            evaluator.join().close();
        }
        output.close();
    }

    /** Reads a file for {@code %load}. */
    static String read(Path file) throws IOException {
        return Files.readString(file);
    }
}

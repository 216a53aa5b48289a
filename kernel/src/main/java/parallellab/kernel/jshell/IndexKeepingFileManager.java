package parallellab.kernel.jshell;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import javax.tools.StandardJavaFileManager;

/**
 * JShell's file manager, minus one repeated cost: every javac task JShell runs (four or five per
 * expression cell) sets the {@code --multi-release} option on the file manager again, to the same
 * value, and javac's file manager answers any such option by dropping its index of which jar holds
 * which package. The next lookup (the {@code REPL} package, in every task) rebuilds it from every jar
 * on the class path, so each cell paid for the kit's whole class path once per javac pass.
 *
 * <p>This wrapper passes the option on only when its value changes, so the index lives until the class
 * path does. It is also where {@link IndexerGate} holds JShell's completion indexer back (the indexer
 * asks it for the class path first). Everything else goes to JShell's own file manager unchanged. The trade-off: a
 * {@link Proxy} in the way of every file-manager call (a few dozen per task, negligible beside the
 * rebuilt index), and reliance on the option being a pure setting, which it is for javac's file manager.
 */
final class IndexKeepingFileManager implements InvocationHandler {

    static final String MULTI_RELEASE = "--multi-release";

    private final StandardJavaFileManager delegate;
    private final IndexerGate gate;
    private String multiRelease;

    private IndexKeepingFileManager(StandardJavaFileManager delegate, IndexerGate gate) {
        this.delegate = delegate;
        this.gate = gate;
    }

    /** For {@code JShell.builder().fileManager(...)}; the gate holds JShell's completion indexer back ({@link IndexerGate}). */
    static StandardJavaFileManager wrap(StandardJavaFileManager delegate, IndexerGate gate) {
        return (StandardJavaFileManager) Proxy.newProxyInstance(IndexKeepingFileManager.class.getClassLoader(),
                new Class<?>[] {StandardJavaFileManager.class}, new IndexKeepingFileManager(delegate, gate));
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        if (method.getName().equals("getLocationAsPaths")) {
            gate.holdIndexer();
        }
        if (method.getName().equals("handleOption") && args.length == 2 && MULTI_RELEASE.equals(args[0])
                && args[1] instanceof Iterator<?> remaining && remaining.hasNext()) {
            String value = String.valueOf(remaining.next());
            synchronized (this) {
                if (Objects.equals(value, multiRelease)) {
                    return true; // already set: keep the index
                }
                multiRelease = value;
            }
            return delegate.handleOption(MULTI_RELEASE, List.of(value).iterator());
        }
        if (method.getDeclaringClass() == Object.class) {
            return switch (method.getName()) {
                case "equals" -> proxy == args[0];
                case "hashCode" -> System.identityHashCode(proxy);
                default -> "IndexKeepingFileManager(" + delegate + ")";
            };
        }
        try {
            return method.invoke(delegate, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}

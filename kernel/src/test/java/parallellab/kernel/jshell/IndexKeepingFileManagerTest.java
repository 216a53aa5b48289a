package parallellab.kernel.jshell;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file manager that keeps javac's package index across JShell's tasks, and still sees a new jar. */
class IndexKeepingFileManagerTest {

    @Test
    void aRepeatedMultiReleaseValueDoesNotReachJavac() {
        List<String> seen = new ArrayList<>();
        StandardJavaFileManager recording = (StandardJavaFileManager) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {StandardJavaFileManager.class}, (proxy, method, args) -> {
                    if (method.getName().equals("handleOption")) {
                        seen.add(args[0] + "=" + ((Iterator<?>) args[1]).next());
                        return true;
                    }
                    return method.getName().equals("isSupportedOption") ? 1 : null;
                });
        StandardJavaFileManager wrapped = IndexKeepingFileManager.wrap(recording, new IndexerGate());
        Iterator<String> first = List.of("25").iterator();
        assertThat(wrapped.handleOption(IndexKeepingFileManager.MULTI_RELEASE, first)).isTrue();
        assertThat(first.hasNext()).isFalse(); // the value is consumed, as javac expects
        assertThat(wrapped.handleOption(IndexKeepingFileManager.MULTI_RELEASE, List.of("25").iterator())).isTrue();
        wrapped.handleOption(IndexKeepingFileManager.MULTI_RELEASE, List.of("21").iterator());
        wrapped.handleOption("--class-path", List.of("a.jar").iterator());
        wrapped.handleOption("--class-path", List.of("a.jar").iterator());
        assertThat(seen).containsExactly("--multi-release=25", "--multi-release=21", "--class-path=a.jar", "--class-path=a.jar");
        assertThat(wrapped.isSupportedOption("-x")).isEqualTo(1);
    }

    @Test
    void theIndexerGateIsShutWhileACellRunsAndNeverHoldsOtherThreads() {
        IndexerGate gate = new IndexerGate();
        gate.cellStarted();
        assertThat(gate.idle()).isFalse();
        gate.holdIndexer(); // not the indexer's thread: returns at once
        gate.cellEnded();
        assertThat(gate.idle()).isFalse(); // a second of quiet first
        gate.open();
        assertThat(gate.idle()).isTrue();
    }

    @Test
    void aJarAddedAfterTheFirstCellsIsFound(@TempDir Path dir) throws Exception {
        Path source = Files.writeString(dir.resolve("Thing.java"),
                "package fresh; public class Thing { public static int answer() { return 42; } }");
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertThat(javac.run(null, null, null, "-d", dir.toString(), source.toString())).isZero();
        Path jar = dir.resolve("fresh.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("fresh/Thing.class"));
            out.write(Files.readAllBytes(dir.resolve("fresh/Thing.class")));
        }
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        try (JShellEvaluator evaluator = new JShellEvaluator(List.of(), List.of(), quiet, quiet)) {
            assertThat(evaluator.eval("1 + 1", 1, 0).value()).isEqualTo(2);
            assertThat(evaluator.eval("2 + 2", 2, 0).value()).isEqualTo(4);
            evaluator.addToClasspath(jar.toString());
            assertThat(evaluator.eval("fresh.Thing.answer()", 3, 0).value()).isEqualTo(42);
        }
    }
}

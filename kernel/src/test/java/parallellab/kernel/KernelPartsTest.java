package parallellab.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import jdk.jshell.SourceCodeAnalysis.Completeness;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import parallellab.profile.Mode;
import parallellab.profile.Profile;

/** The pure-Java parts of the kernel: magic parsing, is_complete mapping, UTF-8 splitting, exit rewriting. */
class KernelPartsTest {

    @Test
    void cellMagicTakesTheRestOfTheCell() {
        assertThat(MagicLine.split("%%time\nint x = 1;\nx"))
                .containsExactly(new MagicLine.CellMagic("time", List.of(), "int x = 1;\nx"));
    }

    @Test
    void lineMagicsSplitCodeAndKeepLineNumbers() {
        assertThat(MagicLine.split("int a = 1;\n%jars \"my dir/x.jar\" y.jar\nint b = 2;"))
                .containsExactly(new MagicLine.Code("int a = 1;", 0),
                        new MagicLine.LineMagic("jars", List.of("my dir/x.jar", "y.jar")),
                        new MagicLine.Code("int b = 2;", 2));
    }

    @Test
    void incompleteAndInvalidAreNeverComplete() {
        assertThat(IsComplete.verdict(Completeness.DEFINITELY_INCOMPLETE)).isEqualTo(IsComplete.INDENT);
        assertThat(IsComplete.verdict(Completeness.CONSIDERED_INCOMPLETE)).isEqualTo(IsComplete.INDENT);
        assertThat(IsComplete.verdict(Completeness.UNKNOWN)).isEqualTo(BaseKernel.IS_COMPLETE_BAD);
        assertThat(IsComplete.verdict(Completeness.COMPLETE)).isNull();
    }

    @Test
    void anIncompleteUtf8SequenceIsHeldBack() {
        byte[] euro = "a\u20ac".getBytes(StandardCharsets.UTF_8);
        assertThat(OutputRouter.completeLength(euro, 0, euro.length)).isEqualTo(euro.length);
        assertThat(OutputRouter.completeLength(euro, 0, euro.length - 1)).isEqualTo(1);
    }

    @Test
    void exitCallsAreRedirectedAndOthersKept() {
        assertThat(SnippetRewriter.replacement(true, "java/lang/System", "exit", "(I)V")).isEqualTo("systemExit");
        assertThat(SnippetRewriter.replacement(false, "java/lang/Runtime", "halt", "(I)V")).isEqualTo("runtimeHalt");
        assertThat(SnippetRewriter.replacement(true, "java/lang/System", "gc", "()V")).isNull();
    }

    @Test
    void historySearchUsesGlobs() {
        assertThat("6*7").matches(CellHistory.globToRegex("6*"));
        assertThat("a.b").doesNotMatch(CellHistory.globToRegex("a?c"));
    }

    @Test
    void aProfileIsNarrowedToTheCellAndItsWorkers() {
        String cellThread = "java/lang/Thread.run;parallellab/kernel/GuardedExecutionControl.lambda$invoke$0;java/lang/reflect/Method.invoke;"
                + "REPL/$JShell$19.do_it$;REPL/$JShell$19.do_it$Aux;REPL/$JShell$12.fib;java/lang/Math.sqrt 5";
        String worker = "java/lang/Thread.run;REPL/$JShell$19$$Lambda.0x0000000038251798.run;REPL/$JShell$19.lambda$do_it$Aux$0;"
                + "parallellab/work/TagsWorkload.process 3";
        String libWorker = "java/lang/Thread.run;parallellab/scan/QueueThreadScanner.work;java/util/concurrent/LinkedBlockingQueue.take 2";
        String compiling = "java/lang/Thread.run;parallellab/kernel/LabKernel.evalRaw;parallellab/measure/Measure.time;jdk/jshell/JShell.eval 7";
        String jit = "clone3;start_thread;CompileBroker::compiler_thread_loop 11";
        String jjavaMagic = "java/lang/Thread.run;REPL/$JShell$30.do_it$;parallellab/kernel/ProfileMagic.profile;jdk/jshell/JShell.eval 4";
        String jjavaCell = "java/lang/Thread.run;REPL/$JShell$30.do_it$;parallellab/kernel/ProfileMagic.profile;REPL/$JShell$31.do_it$;work 1";
        Profile whole = new Profile(Mode.CPU, "cpu", String.join("\n", cellThread, worker, libWorker, compiling, jit, jjavaMagic, jjavaCell), "<html>");

        CellStacks.Narrowed cell = CellStacks.narrow(whole, "test");

        assertThat(cell.profile().collapsed().lines()).containsExactly(
                "[cell];fib;java/lang/Math.sqrt 5",
                "java/lang/Thread.run;[cell] lambda;parallellab/work/TagsWorkload.process 3",
                "java/lang/Thread.run;parallellab/scan/QueueThreadScanner.work;java/util/concurrent/LinkedBlockingQueue.take 2",
                "[cell];work 1");
        assertThat(cell.keptSamples()).isEqualTo(11);
        assertThat(cell.droppedSamples()).isEqualTo(22);
        assertThat(cell.profile().flameGraphHtml()).contains("<canvas").contains("fib");
    }

    @Test
    void profileHtmlPutsTheFlameGraphInASandboxedFrameAboveTheTable() {
        Profile profile = new Profile(Mode.WALL, "wall", "[cell];work 3\n[cell];wait \"x\" 1\n", "<html><script>let a = \"&\";</script></html>");
        String html = ProfileHtml.html(profile, "");
        assertThat(html).contains("<iframe", "sandbox=\"allow-scripts", "srcdoc=\"&lt;html&gt;&lt;script&gt;let a = &quot;&amp;&quot;;")
                .contains("<table").contains("work").contains("once the notebook is trusted");
        assertThat(html.indexOf("<iframe")).isLessThan(html.indexOf("<table"));
        assertThat(ProfileHtml.text(profile, "")).contains("wall profile", "4 samples", "work");
    }

    @Test
    void profileMagicTakesCpuOrWall() throws CellFailure {
        assertThat(ProfileMagic.mode(List.of())).isEqualTo(Mode.CPU);
        assertThat(ProfileMagic.mode(List.of("WALL"))).isEqualTo(Mode.WALL);
        assertThatThrownBy(() -> ProfileMagic.mode(List.of("gpu"))).isInstanceOf(CellFailure.class).hasMessageContaining("usage");
    }

    @Test
    void sparkFlagsAreCopiedFromTheArgumentFileWithoutComments(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("java-options");
        Files.writeString(file, "# Spark needs these\n--add-opens=java.base/java.nio=ALL-UNNAMED\n\n-Da=b  # trailing\n");
        assertThat(Install.sparkOptions(file)).containsExactly("--add-opens=java.base/java.nio=ALL-UNNAMED", "-Da=b");
        assertThat(Install.sparkOptions(dir.resolve("missing"))).isEmpty();
        assertThat(Install.kernelJson(Path.of("/jdk/bin/java"), dir)).doesNotContain("add-opens");
    }

    @Test
    void jarNamesLoseTheirVersion() {
        assertThat(KernelMagics.artifactName("guava-33.0.0-jre.jar")).isEqualTo("guava");
        assertThat(KernelMagics.artifactName("commons-lang3-3.14.0.jar")).isEqualTo("commons-lang3");
        assertThat(KernelMagics.artifactName("listenablefuture-9999.0-empty-to-avoid-conflict-with-guava.jar")).isEqualTo("listenablefuture");
        assertThat(KernelMagics.artifactName("tools.jar")).isEqualTo("tools");
    }
}

package parallellab.kernel.extension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import parallellab.profile.Mode;
import parallellab.profile.Profile;

/** The pure-Java parts of the extension: narrowing a profile to the cell, the profile's HTML, the %%profile arguments. */
class ExtensionPartsTest {

    @Test
    void aProfileIsNarrowedToTheCellAndItsWorkers() {
        String cellThread = "java/lang/Thread.run;parallellab/kernel/jshell/GuardedExecutionControl.lambda$invoke$0;java/lang/reflect/Method.invoke;"
                + "REPL/$JShell$19.do_it$;REPL/$JShell$19.do_it$Aux;REPL/$JShell$12.fib;java/lang/Math.sqrt 5";
        String worker = "java/lang/Thread.run;REPL/$JShell$19$$Lambda.0x0000000038251798.run;REPL/$JShell$19.lambda$do_it$Aux$0;"
                + "parallellab/work/TagsWorkload.process 3";
        String libWorker = "java/lang/Thread.run;parallellab/scan/QueueThreadScanner.work;java/util/concurrent/LinkedBlockingQueue.take 2";
        String compiling = "java/lang/Thread.run;parallellab/kernel/LabKernel.evalRaw;parallellab/measure/Measure.time;jdk/jshell/JShell.eval 7";
        String jit = "clone3;start_thread;CompileBroker::compiler_thread_loop 11";
        String jjavaMagic = "java/lang/Thread.run;REPL/$JShell$30.do_it$;parallellab/kernel/extension/ProfileMagic.profile;jdk/jshell/JShell.eval 4";
        String jjavaCell = "java/lang/Thread.run;REPL/$JShell$30.do_it$;parallellab/kernel/extension/ProfileMagic.profile;REPL/$JShell$31.do_it$;work 1";
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
    void profileMagicTakesCpuOrWall() {
        assertThat(ProfileMagic.mode(List.of())).isEqualTo(Mode.CPU);
        assertThat(ProfileMagic.mode(List.of("WALL"))).isEqualTo(Mode.WALL);
        assertThatThrownBy(() -> ProfileMagic.mode(List.of("gpu"))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("usage");
    }
}

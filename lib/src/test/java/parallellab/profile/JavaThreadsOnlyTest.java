package parallellab.profile;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The JIT compiler's and the GC's stacks are left out of a profile of Java threads only. */
class JavaThreadsOnlyTest {

    @Test
    void stacksWithoutAJavaFrameAreLeftOut() {
        Profile p = Profile.of(Mode.CPU, "test", String.join("\n",
                "thread_native_entry(Thread*);CompileBroker::compiler_thread_loop();PhaseChaitin::Register_Allocate() 30",
                "GCTaskThread::run();G1ParTask::work() 5",
                "java/lang/Thread.run;parallellab/work/AnalyzeWorkload.process;parallellab/work/Fft.go 10"), "t");
        Profile java = p.javaThreadsOnly();
        assertThat(java.samples()).isEqualTo(10);
        assertThat(java.table().stringColumn("method").asList()).noneMatch(m -> m.contains("::"));
    }
}

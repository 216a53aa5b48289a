"""Behaviour of the parallel-lab kernel through a real Jupyter client: output, errors, interrupts,
stdin, faults (System.exit, OOM, redefinition leaks), magics, timings, restart."""
import time

from conftest import Session, errors, streams, KERNEL_NAME


def test_kernel_info_names_java(kernel):
    kernel.kc.kernel_info()
    reply = kernel.kc.get_shell_msg(timeout=30)
    assert reply["content"]["status"] == "ok"
    assert reply["content"]["language_info"]["name"] == "java"



def test_a_request_the_kernel_cannot_read_is_dropped_and_the_next_is_answered(kernel):
    # A header without a session: jjava-jupyter cannot parse it. Before, that ended the shell loop and the kernel
    # went deaf to every later request; now the kernel drops it (and logs it) and goes on.
    session = kernel.kc.session
    for channel in (kernel.kc.shell_channel, kernel.kc.control_channel):
        bad = session.msg("kernel_info_request", {})
        del bad["header"]["session"]
        channel.send(bad)
        good = session.msg("kernel_info_request", {})
        channel.send(good)
        reply = channel.get_msg(timeout=30)
        assert reply["msg_type"] == "kernel_info_reply"
        assert reply["parent_header"]["msg_id"] == good["header"]["msg_id"]
    assert kernel.value("6 * 7") == "42"

def test_busy_then_idle_and_one_error_message(kernel):
    reply, messages = kernel.run('int a = 1;\nthrow new IllegalStateException("boom");')
    assert messages[0][0] == "status" and messages[0][1]["execution_state"] == "busy"
    assert messages[-1][0] == "status" and messages[-1][1]["execution_state"] == "idle"
    assert reply["status"] == "error"
    errs = errors(messages)
    assert len(errs) == 1
    assert errs[0]["ename"] == "IllegalStateException" and errs[0]["evalue"] == "boom"
    assert any("cell" in line and "line 2" in line for line in errs[0]["traceback"])
    assert not any("jdk.jshell" in line or "reflect" in line for line in errs[0]["traceback"])


def test_compile_error_points_at_the_cell_line(kernel):
    reply, messages = kernel.run('int a = 1;\nint b = "x";\n')
    errs = errors(messages)
    assert reply["status"] == "error" and len(errs) == 1
    tb = errs[0]["traceback"]
    assert "line 2" in tb[0]
    assert tb[1].strip() == 'int b = "x";'
    assert tb[2].index("^") == tb[1].index('"x"')


def test_execute_result_and_display_with_mime_types(kernel):
    assert kernel.value("6 * 7") == "42"
    reply, messages = kernel.run('display(Table.create("t", IntColumn.create("n", 1, 2, 3)))')
    shown = [c for t, c in messages if t == "display_data"]
    assert shown and {"text/html", "text/plain"} <= set(shown[0]["data"])
    assert "<table" in shown[0]["data"]["text/html"]
    assert shown[0]["transient"]["display_id"]


def test_update_display_replaces_by_id(kernel):
    reply, messages = kernel.run('String id = display("first");\nupdateDisplay(id, "second");')
    updates = [c for t, c in messages if t == "update_display_data"]
    assert updates and updates[0]["data"]["text/plain"] == "second"


def test_output_from_worker_threads_goes_to_the_cell(kernel):
    out = kernel.stdout('Thread t = new Thread(() -> System.out.println("from a worker"));\nt.start(); t.join();')
    assert "from a worker" in out


def test_background_output_between_cells_is_kept(kernel):
    kernel.stdout('new Thread(() -> { try { Thread.sleep(300); } catch (InterruptedException e) { } System.out.println("late line"); }).start();')
    time.sleep(1.5)
    out = kernel.stdout("int unused = 0;")
    assert "[output from background threads since the last cell]" in out and "late line" in out


def test_interrupt_stops_a_runaway_loop(kernel):
    kernel.run("java.util.concurrent.atomic.AtomicLong spins = new java.util.concurrent.atomic.AtomicLong();")
    msg_id = kernel.send("while (true) { spins.incrementAndGet(); }")
    time.sleep(1.0)
    interrupted_at = time.monotonic()
    kernel.km.interrupt_kernel()
    reply, messages = kernel.collect(msg_id, timeout=10)
    assert time.monotonic() - interrupted_at < 2.0
    assert reply["status"] == "error"
    assert errors(messages)[0]["ename"] == "Interrupted"
    first = int(kernel.value("spins.get()"))
    time.sleep(0.5)
    second = int(kernel.value("spins.get()"))
    assert first > 0 and first == second
    assert kernel.value("1 + 1") == "2"


def test_interrupt_stops_a_blocking_call(kernel):
    msg_id = kernel.send("Thread.sleep(60_000);")
    time.sleep(0.5)
    kernel.km.interrupt_kernel()
    reply, messages = kernel.collect(msg_id, timeout=10)
    assert reply["status"] == "error"
    assert kernel.value("1 + 1") == "2"


def test_stdin_reads_through_input_request(kernel):
    # Plain `Scanner` is java.util.Scanner in a cell: the first stdin idiom a Java learner knows.
    msg_id = kernel.send("new Scanner(System.in).nextLine().toUpperCase()", allow_stdin=True)
    request = kernel.kc.get_stdin_msg(timeout=30)
    assert request["msg_type"] == "input_request"
    kernel.kc.input("hello")
    reply, messages = kernel.collect(msg_id)
    assert reply["status"] == "ok"
    assert [c for t, c in messages if t == "execute_result"][0]["data"]["text/plain"] == "HELLO"


def test_system_exit_is_refused_and_the_kernel_lives(kernel):
    for code in ["System.exit(3);", "Runtime.getRuntime().exit(1);", "Runtime.getRuntime().halt(1);",
                 "java.util.function.IntConsumer quit = System::exit; quit.accept(2);"]:
        reply, messages = kernel.run(code)
        assert reply["status"] == "error", code
        assert "refused" in errors(messages)[0]["evalue"], code
    assert kernel.value("1 + 1") == "2"


def test_out_of_memory_leaves_the_kernel_usable(kernel):
    reply, messages = kernel.run("long[] huge = new long[Integer.MAX_VALUE - 8];")
    assert reply["status"] == "error" and errors(messages)[0]["ename"] == "OutOfMemoryError"
    reply, messages = kernel.run("{ List<long[]> hog = new ArrayList<>(); while (true) hog.add(new long[1 << 20]); }", timeout=120)
    assert reply["status"] == "error" and errors(messages)[0]["ename"] == "OutOfMemoryError"
    assert kernel.value("1 + 1") == "2"


def test_redefining_a_class_does_not_leak_its_statics(kernel):
    for i in range(20):  # the same cell again and again
        reply, messages = kernel.run("class Big { static long[] data = new long[1_250_000]; }\nBig.data.length")
        assert reply["status"] == "ok", errors(messages)
    for i in range(110):  # a changed class each time: 110 x 10 MB would exceed the 1 GiB heap if kept
        reply, messages = kernel.run(f"class Big {{ static long[] data = new long[1_250_000 + {i}]; }}\nBig.data.length")
        assert reply["status"] == "ok", errors(messages)
    used = int(kernel.value("System.gc(); Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()"))
    assert used < 300 * 1024 * 1024


def test_imports_in_a_later_cell_keep_earlier_variables(kernel):
    kernel.run('String name = "lesson"; Path folder = Path.of("data"); int n = 3;')
    reply, messages = kernel.run("import java.util.function.*;\nimport java.util.stream.*;\n"
                                 "List<Integer> squares = IntStream.range(0, n).map(i -> i * i).boxed().collect(Collectors.toList());")
    assert reply["status"] == "ok", errors(messages)
    assert kernel.value('name + " " + folder + " " + squares') == 'lesson data [0, 1, 4]'
    kernel.run("import java.util.function.*;\nimport java.util.stream.*;")  # the same imports again
    assert kernel.value('name + " " + folder') == 'lesson data'


def test_releasing_a_redefined_class_spares_the_variables_that_live_on(kernel):
    kernel.run("class Box { int size = 1; }\nList<String> kept = new ArrayList<>(List.of(\"still here\"));")
    kernel.run("Box box = new Box();")
    for size in (2, 3):  # each redefinition recompiles the variable box, and classes get replaced
        reply, messages = kernel.run(f"class Box {{ int size = {size}; }}\nbox = new Box();")
        assert reply["status"] == "ok", errors(messages)
    assert kernel.value("box.size + \" \" + kept") == '3 [still here]'


def test_time_magic_prints_real_user_sys(kernel):
    reply, messages = kernel.run("%%time\nThread.sleep(50);\n21 * 2")
    out = streams(messages)
    assert all(word in out for word in ("real\t", "user\t", "sys\t", "cpu/real"))
    assert [c for t, c in messages if t == "execute_result"][0]["data"]["text/plain"] == "42"


def test_timeit_magic_reports_mean_std_and_best(kernel):
    out = kernel.stdout("%%timeit\nMath.sqrt(2.0)")
    assert "per loop (mean" in out and "best" in out


def test_cell_timings_table_and_timing_summary(kernel):
    kernel.run("%timing on")
    out = kernel.stdout("int t1 = 1;")
    assert "real" in out and "user" in out
    kernel.run("%timing off")
    assert kernel.value("CellTimings.table().columnNames()") == "[cell, code, real_s, user_s, sys_s]"


def test_line_magics(kernel, tmp_path):
    snippet = tmp_path / "helper.jsh"
    snippet.write_text("int helperValue() { return 7; }\n")
    kernel.run(f"%load {snippet}")
    assert kernel.value("helperValue()") == "7"
    out = kernel.stdout("%lsmagic")
    assert "%%time" in out and "%jars" in out
    reply, messages = kernel.run("%nosuchmagic")
    assert reply["status"] == "error"


def test_completion_and_inspection(kernel):
    kernel.kc.complete("Math.sq", 7)
    reply = kernel.kc.get_shell_msg(timeout=30)
    assert "sqrt(" in reply["content"]["matches"]
    kernel.kc.inspect("Math.max", 8)
    reply = kernel.kc.get_shell_msg(timeout=30)
    assert reply["content"]["found"]


def test_restart_and_shutdown(kernel_prefix):
    session = Session(KERNEL_NAME)
    try:
        session.run("int before = 1;")
        session.km.restart_kernel(now=False)
        session.kc.wait_for_ready(timeout=60)
        reply, messages = session.run("before")
        assert reply["status"] == "error"
        assert session.value("2 + 2") == "4"
    finally:
        session.kc.stop_channels()
        session.km.shutdown_kernel(now=False)
    assert not session.km.is_alive()


def test_profile_magic_shows_flame_graph_and_table(kernel):
    reply, messages = kernel.run("%%profile\ndouble s = 0;\nfor (int i = 0; i < 50_000_000; i++) s += Math.sqrt(i);\n(long) s > 0", timeout=120)
    assert reply["status"] == "ok", errors(messages)
    shown = [c["data"] for t, c in messages if t == "display_data"]
    assert shown, messages
    html = shown[0]["text/html"]
    assert "<iframe" in html and "srcdoc=" in html and "&lt;canvas" in html  # the flame graph, escaped into srcdoc
    assert "<table" in html and "total_samples" in html and "[cell]" in html
    assert "cpu profile" in shown[0]["text/plain"]
    assert [c for t, c in messages if t == "execute_result"][0]["data"]["text/plain"] == "true"
    reply, messages = kernel.run("%%profile gpu\n1")
    assert reply["status"] == "error" and "usage: %%profile" in errors(messages)[0]["evalue"]


def test_a_profile_value_renders_as_flame_graph_and_table(kernel):
    reply, messages = kernel.run("Profiler.profile(Mode.WALL, () -> { try { Thread.sleep(200); } catch (InterruptedException e) { } })")
    assert reply["status"] == "ok", errors(messages)
    data = [c for t, c in messages if t == "execute_result"][0]["data"]
    assert "<iframe" in data["text/html"] and "<table" in data["text/html"]
    assert "wall profile" in data["text/plain"]


def test_maven_magic_resolves_transitively(kernel):
    out = kernel.stdout("%maven org.apache.commons:commons-text:1.12.0")
    assert "commons-text-1.12.0.jar" in out and "commons-lang3" in out  # commons-lang3 is its dependency
    assert kernel.value('org.apache.commons.text.WordUtils.capitalize("hello world")') == "Hello World"
    assert kernel.value('org.apache.commons.lang3.StringUtils.reverse("abc")') == "cba"
    for bad, expected in [("%maven org.apache.commons:commons-text", "not a Maven coordinate"),
                          ("%maven org.apache.commons:commons-text:0.0.0-no-such-version", "Could not find artifact"),
                          ("%maven", "usage: %maven")]:
        reply, messages = kernel.run(bad, timeout=120)
        assert reply["status"] == "error", bad
        errs = errors(messages)
        assert len(errs) == 1 and expected in errs[0]["evalue"] and len(errs[0]["traceback"]) == 1, errs

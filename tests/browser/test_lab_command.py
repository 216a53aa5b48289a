"""The user's command, without a browser: `./lab --no-browser --port=N` starts JupyterLab (as root too),
prints the URL with its token, takes the next port when N is busy, runs a kernel started through the
REST API, and one SIGINT (Ctrl-C) stops JupyterLab, the kernel and the kernel's worker JVMs."""
import os
import socket

from lab_command import LabCommand, execute, start_kernel


def test_lab_serves_runs_a_cell_and_stops_on_sigint(tmp_path):
    busy = socket.socket()
    busy.bind(("127.0.0.1", 0))
    busy.listen()
    port = busy.getsockname()[1]
    lab = LabCommand(port, tmp_path)
    try:
        lab.wait_for_url()
        assert lab.port != port, "the busy port was not skipped"
        if os.getuid() == 0:
            assert "passing --allow-root" in lab.output()
        assert b"JupyterLab" in lab.api("/lab") or lab.api("/api/status")
        kernel = start_kernel(lab)
        status, messages = execute(lab, kernel, "1 + 1")
        assert status == "ok", messages
        assert [c for t, c in messages if t == "execute_result"][0]["data"]["text/plain"] == "2"
        status, messages = execute(lab, kernel, "ProcessPool pool = ProcessPool.create(2);\npool.awaitReady();")
        assert status == "ok", messages
        gone = lab.interrupt_and_check_all_gone()
        assert len(gone) >= 5, f"expected ./lab, JupyterLab, a kernel and 2 workers, saw {len(gone)} processes"
    finally:
        busy.close()
        if lab.proc.poll() is None:
            lab.kill()

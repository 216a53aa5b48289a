"""`./lab` as a user starts it, for the tests: the command's output gives the URL with its token, and
a SIGINT to it (the user's Ctrl-C) must leave no JupyterLab, kernel or worker JVM behind."""
import os
import re
import signal
import socket
import subprocess
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
URL = re.compile(r"(http://127\.0\.0\.1:(\d+)/lab\?token=(\S+))")


def descendants(pid: int) -> set:
    """Every process below pid, through /proc (children of all its threads)."""
    found, todo = set(), [pid]
    while todo:
        p = todo.pop()
        try:
            tasks = list(Path(f"/proc/{p}/task").iterdir())
        except OSError:
            continue
        for task in tasks:
            try:
                kids = {int(k) for k in (task / "children").read_text().split()}
            except OSError:
                continue
            todo += list(kids - found)
            found |= kids
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


class LabCommand:
    """`./lab --no-browser --port=N --ip=127.0.0.1 ...` running, with its output collected."""

    def __init__(self, port: int, work: Path, *extra: str, token: str = None):
        env = dict(os.environ, JUPYTER_RUNTIME_DIR=str(work / "runtime"), JUPYTER_CONFIG_DIR=str(work / "config"))
        self.log_path = work / "lab.log"
        self.proc = subprocess.Popen(
            [str(ROOT / "lab"), "--no-browser", f"--port={port}", "--ip=127.0.0.1",
             f"--LabApp.workspaces_dir={work / 'workspaces'}",
             *([f"--IdentityProvider.token={token}"] if token else []), *extra],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env, start_new_session=True)
        self.lines = []
        self.seen = set()
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()
        self.given_token = token
        self.url = self.port = self.token = None

    def _read(self):
        with open(self.log_path, "w") as log:
            for line in self.proc.stdout:
                self.lines.append(line)
                log.write(line)
                log.flush()

    def output(self) -> str:
        return "".join(self.lines)

    def wait_for_url(self, timeout: float = 300):
        deadline = time.time() + timeout
        while time.time() < deadline:
            m = URL.search(self.output())
            if m:
                # JupyterLab prints a token it was given as "...".
                self.url, self.port = m.group(1), int(m.group(2))
                self.token = self.given_token or m.group(3)
                self._wait_for_listening(deadline)
                return self.url
            if self.proc.poll() is not None:
                break
            time.sleep(0.3)
        raise AssertionError("./lab printed no URL with a token; its output:\n" + self.output()[-3000:])

    def _wait_for_listening(self, deadline: float):
        """Jupyter Server 2 prints its URL after trying the port and before it listens on it (the listening socket is
        bound once its event loop runs), so a request sent the moment the URL appears can be refused."""
        while time.time() < deadline and self.proc.poll() is None:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return
            except OSError:
                time.sleep(0.1)
        raise AssertionError(f"./lab printed {self.url} but nothing listens there; its output:\n" + self.output()[-3000:])

    def api(self, path: str, method: str = "GET", body: bytes = None):
        req = urllib.request.Request(f"http://127.0.0.1:{self.port}{path}", data=body, method=method,
                                     headers={"Authorization": f"token {self.token}", "Content-Type": "application/json"})
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.read()

    def everything(self) -> set:
        """This ./lab and every process below it: JupyterLab, its kernels (own sessions) and their workers."""
        return {self.proc.pid} | descendants(self.proc.pid)

    def interrupt_and_check_all_gone(self, timeout: float = 60):
        """SIGINT to ./lab, as Ctrl-C; then nothing it started may be left."""
        started = self.everything()
        os.kill(self.proc.pid, signal.SIGINT)
        try:
            self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.kill()
            raise AssertionError("./lab did not stop within %d s of SIGINT" % timeout)
        deadline = time.time() + 15
        while time.time() < deadline and any(alive(p) for p in started):
            time.sleep(0.3)
        left = [p for p in started if alive(p)]
        if left:
            cmdlines = {p: Path(f"/proc/{p}/cmdline").read_bytes().replace(b"\0", b" ")[:200] for p in left}
            for p in left:
                os.kill(p, signal.SIGKILL)
            raise AssertionError(f"left running after SIGINT to ./lab: {cmdlines}")
        return started

    def kill(self):
        for p in self.everything():
            try:
                os.kill(p, signal.SIGKILL)
            except OSError:
                pass
        self.proc.wait()


def start_kernel(lab: LabCommand, name: str = "parallel-lab") -> str:
    import json
    return json.loads(lab.api("/api/kernels", "POST", json.dumps({"name": name}).encode()))["id"]


def execute(lab: LabCommand, kernel_id: str, code: str, timeout: float = 120):
    """Runs code on a kernel through JupyterLab's websocket; returns (reply status, iopub messages)."""
    import json
    import uuid
    import websocket
    ws = websocket.create_connection(
        f"ws://127.0.0.1:{lab.port}/api/kernels/{kernel_id}/channels?token={lab.token}", timeout=timeout)
    try:
        msg_id = uuid.uuid4().hex
        ws.send(json.dumps({
            "header": {"msg_id": msg_id, "username": "test", "session": uuid.uuid4().hex,
                       "msg_type": "execute_request", "version": "5.3"},
            "parent_header": {}, "metadata": {}, "channel": "shell",
            "content": {"code": code, "silent": False, "store_history": True, "user_expressions": {},
                        "allow_stdin": False, "stop_on_error": True}}))
        messages, status, idle = [], None, False
        deadline = time.time() + timeout
        while (status is None or not idle) and time.time() < deadline:
            msg = json.loads(ws.recv())
            if msg.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            if msg["channel"] == "shell":
                status = msg["content"]["status"]
            elif msg["msg_type"] == "status":
                idle = msg["content"]["execution_state"] == "idle"
            else:
                messages.append((msg["msg_type"], msg["content"]))
        return status, messages
    finally:
        ws.close()

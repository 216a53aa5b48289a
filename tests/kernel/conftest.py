"""Fixtures for the kernel tests: install the built kernel into a temporary prefix, start it, talk to it.

Nothing is built here: `./lab test` builds first. The tests expect kernel/target/parallel-lab-kernel.jar,
lib/target/parallel-lab-lib.jar and the two target/lib folders.
"""
import json
import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest
from jupyter_client.manager import KernelManager

ROOT = Path(__file__).resolve().parents[2]
KERNEL_JAR = ROOT / "kernel/target/parallel-lab-kernel.jar"
LIB_JAR = ROOT / "lib/target/parallel-lab-lib.jar"
KERNEL_NAME = "parallel-lab"
TIMEOUT = 60


def java_binary() -> str:
    home = os.environ.get("JAVA_HOME")
    if home and (Path(home) / "bin/java").exists():
        return str(Path(home) / "bin/java")
    return "/usr/lib/jvm/temurin-25-jdk-amd64/bin/java"


def install_classpath() -> str:
    return os.pathsep.join([str(KERNEL_JAR), str(LIB_JAR), str(ROOT / "lib/target/lib/*"), str(ROOT / "kernel/target/lib/*")])


@pytest.fixture(scope="session")
def kernel_prefix(tmp_path_factory):
    """A prefix with the parallel-lab kernelspec, its heap cut to 1 GiB so that OOM tests are quick."""
    if not KERNEL_JAR.exists() or not LIB_JAR.exists():
        pytest.fail(f"build first (./mvnw package): {KERNEL_JAR} or {LIB_JAR} is missing")
    prefix = tmp_path_factory.mktemp("prefix")
    subprocess.run([java_binary(), "-cp", install_classpath(), "parallellab.kernel.Install",
                    "--prefix", str(prefix), "--java", java_binary()], check=True, capture_output=True)
    spec_file = prefix / "share/jupyter/kernels" / KERNEL_NAME / "kernel.json"
    spec = json.loads(spec_file.read_text())
    spec["argv"] = ["-Xmx1g" if a.startswith("-Xmx") else a for a in spec["argv"]]
    spec_file.write_text(json.dumps(spec, indent=2))
    old = os.environ.get("JUPYTER_PATH")
    os.environ["JUPYTER_PATH"] = str(prefix / "share/jupyter") + (os.pathsep + old if old else "")
    yield prefix
    if old is None:
        os.environ.pop("JUPYTER_PATH", None)
    else:
        os.environ["JUPYTER_PATH"] = old


class Session:
    """A started kernel and a client, with helpers that collect a cell's iopub messages."""

    def __init__(self, kernel_name: str):
        self.km = KernelManager(kernel_name=kernel_name)
        self.km.start_kernel()
        self.kc = self.km.client()
        self.kc.start_channels()
        self.kc.wait_for_ready(timeout=TIMEOUT)

    def send(self, code: str, **kwargs) -> str:
        return self.kc.execute(code, **kwargs)

    def collect(self, msg_id: str, timeout: float = TIMEOUT):
        """The reply content and the iopub messages (type, content) of one request, up to idle."""
        messages = []
        deadline = time.monotonic() + timeout
        while True:
            msg = self.kc.get_iopub_msg(timeout=max(0.1, deadline - time.monotonic()))
            if msg["parent_header"].get("msg_id") != msg_id:
                continue
            messages.append((msg["msg_type"], msg["content"]))
            if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
                break
        while True:
            reply = self.kc.get_shell_msg(timeout=max(0.1, deadline - time.monotonic()))
            if reply["parent_header"].get("msg_id") == msg_id:
                return reply["content"], messages

    def run(self, code: str, timeout: float = TIMEOUT, **kwargs):
        return self.collect(self.send(code, **kwargs), timeout)

    def value(self, code: str) -> str:
        reply, messages = self.run(code)
        assert reply["status"] == "ok", messages
        results = [c for t, c in messages if t == "execute_result"]
        assert results, messages
        return results[-1]["data"]["text/plain"]

    def stdout(self, code: str) -> str:
        reply, messages = self.run(code)
        assert reply["status"] == "ok", messages
        return "".join(c["text"] for t, c in messages if t == "stream" and c["name"] == "stdout")

    def close(self):
        self.kc.stop_channels()
        self.km.shutdown_kernel(now=False)


@pytest.fixture(scope="module")
def kernel(kernel_prefix):
    session = Session(KERNEL_NAME)
    yield session
    session.close()


def errors(messages):
    return [c for t, c in messages if t == "error"]


def streams(messages, name="stdout"):
    return "".join(c["text"] for t, c in messages if t == "stream" and c["name"] == name)


def jjava_kernel_dir():
    """Where pip's jjava put its kernelspec (in this Python environment), or None."""
    import sys
    for base in [Path(sys.prefix), ROOT / ".venv"]:
        d = base / "share/jupyter/kernels/java"
        if (d / "jjava.jar").exists():
            return d
    return None


def which_java_dir() -> str:
    return str(Path(java_binary()).parent)


JJAVA_VERSION = "1.0a8"


def ensure_jjava() -> Path:
    """JJava's kernelspec folder from the `jjava` wheel (requirements.txt pins it); pip-installs it when missing.
    Skips when it cannot be had, except under CI, where `./lab test` must have installed it."""
    d = jjava_kernel_dir()
    if d is None:
        import sys
        done = subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--disable-pip-version-check",
                               f"jjava=={JJAVA_VERSION}"], capture_output=True, text=True)
        d = jjava_kernel_dir()
        if d is None:
            reason = f"JJava {JJAVA_VERSION} is not installed and pip could not install it: {done.stderr.strip()[-300:]}"
            if os.environ.get("CI") == "true":
                pytest.fail(reason)
            pytest.skip(reason)
    return d


def jjava_classpath() -> str:
    """The lib, its dependencies and our kernel jar (for the extension), but not jjava-jupyter: JJava brings its own."""
    return os.pathsep.join([str(LIB_JAR), str(ROOT / "lib/target/lib/*"), str(KERNEL_JAR)])


def jjava_prefix(prefix: Path, name: str = "jjava-parallel-lab") -> Path:
    """A prefix with a kernelspec `name` that runs the stock JJava on our JDK with the lib on JJAVA_CLASSPATH.
    The launcher starts a second JVM with the `java` it finds on PATH, so the JDK goes first on PATH."""
    d = ensure_jjava()
    spec_dir = prefix / "share/jupyter/kernels" / name
    spec_dir.mkdir(parents=True, exist_ok=True)
    spec = json.loads((d / "kernel.json").read_text())
    spec["argv"] = [java_binary() if a == "java" else a.replace("{resource_dir}", str(d)) for a in spec["argv"]]
    spec["display_name"] = f"JJava {JJAVA_VERSION} + parallel-lab (tests)"
    spec["env"] = {
        "PATH": which_java_dir() + os.pathsep + os.environ.get("PATH", ""),
        "JAVA_HOME": str(Path(java_binary()).parent.parent),
        "JJAVA_CLASSPATH": jjava_classpath(),
        "JJAVA_JVM_OPTS": "-Xmx1g --enable-native-access=ALL-UNNAMED -Djava.awt.headless=true -Dslf4j.internal.verbosity=ERROR",
    }
    (spec_dir / "kernel.json").write_text(json.dumps(spec, indent=2))
    return prefix


__all__ = ["Session", "errors", "streams", "jjava_kernel_dir", "jjava_prefix", "which_java_dir", "shutil"]

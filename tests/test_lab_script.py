"""The ./lab wrapper's start-up shortcuts: the remembered JDK and the CLI's AOT cache are used only while they
still hold. Each test runs a copy of ./lab in a temporary "checkout" (the built jars copied or linked in), so it
never touches the real .lab/ folder or the real jars; LAB_JDK_CANDIDATES stands in for the JDK search list."""
import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LIB_JAR = ROOT / "lib/target/parallel-lab-lib.jar"


def real_jdk() -> Path:
    home = os.environ.get("JAVA_HOME")
    if home and (Path(home) / "bin/javac").exists():
        return Path(home)
    return Path("/usr/lib/jvm/temurin-25-jdk-amd64")


def java_major(home: Path) -> int:
    out = subprocess.run([str(home / "bin/java"), "-XshowSettings:properties", "-version"], capture_output=True, text=True)
    line = next(l for l in out.stderr.splitlines() if "java.specification.version" in l)
    return int(line.split("=")[1].strip().split(".")[0])


@pytest.fixture
def checkout(tmp_path):
    """A copy of ./lab with the built lib jar (copied, so it can be 'rebuilt') and everything else it reads."""
    if not LIB_JAR.exists():
        pytest.fail(f"build first (./mvnw package): {LIB_JAR} is missing")
    home = tmp_path / "checkout"
    (home / "lib/target").mkdir(parents=True)
    shutil.copy2(ROOT / "lab", home / "lab")
    shutil.copy2(LIB_JAR, home / "lib/target/parallel-lab-lib.jar")
    (home / "lib/target/lib").symlink_to(ROOT / "lib/target/lib")
    for jar in ("kernel/target/parallel-lab-kernel.jar", "spark/target/parallel-lab-spark.jar"):
        (home / jar).parent.mkdir(parents=True)
        (home / jar).touch()  # no sources beside them: the build is never stale
    library = home / "data/library"
    library.mkdir(parents=True)
    for name in ("Amber Relay", "Brass Heron"):
        for f in sorted((ROOT / "data/library" / name).rglob("*.ogg"))[:2]:
            shutil.copy2(f, library / f.name)
    return home


def fake_jdk(where: Path) -> Path:
    """A JDK home whose bin/ links to the real JDK's java and javac (the JVM still finds its own home)."""
    (where / "bin").mkdir(parents=True)
    for tool in ("java", "javac"):
        (where / "bin" / tool).symlink_to(real_jdk() / "bin" / tool)
    return where


def lab(home: Path, *args, **env):
    environment = {k: v for k, v in os.environ.items() if k not in ("JAVA_HOME", "LAB_JDK_CANDIDATES")}
    environment.update({"PATH": "/usr/bin:/bin"}, **env)
    return subprocess.run([str(home / "lab"), *args], capture_output=True, text=True, env=environment, timeout=300)


def remembered(home: Path) -> str:
    return (home / ".lab/jdk").read_text().splitlines()[1]


def test_a_missing_jdk_gives_the_one_line_message(checkout, tmp_path):
    done = lab(checkout, "scan", str(checkout / "data/library"),
               JAVA_HOME=str(tmp_path / "no-such-jdk"), LAB_JDK_CANDIDATES="")
    assert done.returncode == 1
    assert done.stderr.splitlines()[0] == "lab: error: parallel-lab needs a JDK 21 or newer (java and javac), and none was found."
    assert "Exception" not in done.stderr and "line " not in done.stderr


def test_the_remembered_jdk_is_used_then_searched_again_when_it_disappears(checkout, tmp_path):
    first, second = fake_jdk(tmp_path / "jdk-a"), fake_jdk(tmp_path / "jdk-b")
    done = lab(checkout, "scan", "--help", LAB_NO_CLI_CACHE="1", LAB_JDK_CANDIDATES=str(first))
    assert done.returncode == 0, done.stderr
    assert remembered(checkout) == str(first)
    # Remembered: the search list is not looked at while jdk-a is still there.
    done = lab(checkout, "scan", "--help", LAB_NO_CLI_CACHE="1", LAB_JDK_CANDIDATES=str(second))
    assert done.returncode == 0, done.stderr
    assert remembered(checkout) == str(first)
    shutil.rmtree(first)
    done = lab(checkout, "scan", "--help", LAB_NO_CLI_CACHE="1", LAB_JDK_CANDIDATES=str(second))
    assert done.returncode == 0, done.stderr
    assert remembered(checkout) == str(second)
    shutil.rmtree(second)
    done = lab(checkout, "scan", "--help", LAB_NO_CLI_CACHE="1", LAB_JDK_CANDIDATES="")
    assert done.returncode == 1
    assert done.stderr.startswith("lab: error: parallel-lab needs a JDK 21 or newer")


def cache_in_use(home: Path):
    """The AOT cache file the next ./lab scan would start with, or None."""
    done = lab(home, "scan", LAB_PRINT_JAVA="1", LAB_JDK_CANDIDATES=str(real_jdk()))
    assert done.returncode == 0, done.stderr
    flags = [a for a in done.stdout.split("\0") if a.startswith("-XX:AOTCache=")]
    return Path(flags[0].split("=", 1)[1]) if flags else None


def test_a_rebuilt_jar_makes_the_next_start_remake_the_cli_cache(checkout):
    if java_major(real_jdk()) < 25:
        pytest.skip("the trained AOT cache is for JDK 25+ (older JDKs let the JVM remake its AppCDS archive)")
    scan = ("scan", str(checkout / "data/library"), "--workload", "tags")
    done = lab(checkout, *scan, LAB_JDK_CANDIDATES=str(real_jdk()))
    assert done.returncode == 0, done.stderr
    assert "making the CLI's start-up cache" in done.stderr
    cache = cache_in_use(checkout)
    assert cache is not None and cache.stat().st_size > 0
    done = lab(checkout, *scan, LAB_JDK_CANDIDATES=str(real_jdk()))
    assert "making the CLI's start-up cache" not in done.stderr
    # "Rebuild" the lib jar: the old cache no longer matches it and must not be used.
    jar = checkout / "lib/target/parallel-lab-lib.jar"
    made = cache.stat().st_mtime
    os.utime(cache, (made - 10, made - 10))
    os.utime(jar, (made - 5, made - 5))
    done = lab(checkout, *scan, LAB_JDK_CANDIDATES=str(real_jdk()))
    assert done.returncode == 0, done.stderr
    assert "making the CLI's start-up cache" in done.stderr
    remade = cache_in_use(checkout)
    assert remade is not None and remade.stat().st_mtime > jar.stat().st_mtime


def test_a_pom_newer_than_the_jars_costs_one_build_not_one_per_start(checkout):
    """Maven leaves a jar whose classes did not change untouched: after an edit to a pom alone, ./lab must not
    build again at every start (each one ~10 s)."""
    calls = checkout / "mvnw-calls"
    (checkout / "mvnw").write_text(f"#!/bin/sh\necho \"$*\" >> '{calls}'\n")  # a build that changes no jar
    (checkout / "mvnw").chmod(0o755)
    pom = checkout / "pom.xml"
    pom.write_text("<project/>\n")
    now = time.time()
    for jar in ("lib/target/parallel-lab-lib.jar", "kernel/target/parallel-lab-kernel.jar", "spark/target/parallel-lab-spark.jar"):
        os.utime(checkout / jar, (now - 100, now - 100))
    os.utime(pom, (now - 50, now - 50))
    for _ in range(2):
        done = lab(checkout, "scan", LAB_JDK_CANDIDATES=str(real_jdk()), LAB_PRINT_JAVA="1", LAB_NO_CLI_CACHE="1")
        assert done.returncode == 0, done.stderr
    assert len(calls.read_text().splitlines()) == 1


def test_jna_native_library_is_unpacked_once_and_loaded_in_place(checkout, tmp_path):
    """JNA (the kit's getrusage) would copy its native library out of its jar at every start; ./lab unpacks it once
    into .lab/jna and names it with jna.boot.library.path, and JNA really loads it from there."""
    if os.uname().sysname != "Linux" or os.uname().machine not in ("x86_64", "aarch64"):
        pytest.skip("unpacked only on Linux x86-64 and aarch64")
    done = lab(checkout, "scan", LAB_PRINT_JAVA="1", LAB_NO_CLI_CACHE="1", LAB_JDK_CANDIDATES=str(real_jdk()))
    assert done.returncode == 0, done.stderr
    unpacked = checkout / ".lab/jna/libjnidispatch.so"
    assert unpacked.stat().st_size > 0
    java = done.stdout.split("\0")[:-1]
    assert f"-Djna.boot.library.path={unpacked.parent}" in java
    # With unpacking forbidden, getrusage still works: the library came from .lab/jna, not from the jar.
    probe = tmp_path / "Probe.java"
    probe.write_text("public class Probe { public static void main(String[] a) {"
                     " System.out.println(parallellab.measure.ProcessUsage.sourceName()); } }\n")
    command = [a for a in java[:-1] if not a.startswith("-Dparallellab.tty")] + ["-Djna.nounpack=true", str(probe)]
    ran = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert ran.stdout.strip() == "getrusage", ran.stderr
    # Up to date: a second start leaves the unpacked file alone.
    made = unpacked.stat().st_mtime_ns
    assert lab(checkout, "scan", LAB_PRINT_JAVA="1", LAB_NO_CLI_CACHE="1", LAB_JDK_CANDIDATES=str(real_jdk())).returncode == 0
    assert unpacked.stat().st_mtime_ns == made

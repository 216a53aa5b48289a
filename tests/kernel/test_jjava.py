"""Our renderers and magics in a stock JJava (the `jjava` wheel from PyPI, pinned in requirements.txt):
the kernel jar's META-INF/services entry makes JJava load parallellab.kernel.LabExtension from
JJAVA_CLASSPATH, compiled against jjava-jupyter 1.0-a6 and run by JJava 1.0a8."""
import os

import pytest

from conftest import Session, errors, streams, jjava_prefix

pytestmark = pytest.mark.timeout(300)


@pytest.fixture(scope="module")
def jjava(kernel_prefix, tmp_path_factory):
    prefix = jjava_prefix(tmp_path_factory.mktemp("jjava"))
    old = os.environ["JUPYTER_PATH"]
    os.environ["JUPYTER_PATH"] = str(prefix / "share/jupyter") + os.pathsep + old
    session = Session("jjava-parallel-lab")
    yield session
    session.close()
    os.environ["JUPYTER_PATH"] = old


def test_a_table_renders_as_html(jjava):
    reply, messages = jjava.run('tech.tablesaw.api.Table.create("t", tech.tablesaw.api.IntColumn.create("n", 1, 2, 3))')
    assert reply["status"] == "ok", errors(messages)
    data = [c for t, c in messages if t == "execute_result"][0]["data"]
    assert "<table" in data["text/html"] and "<td>3</td>" in data["text/html"]
    assert not streams(messages, "stderr")


def test_a_chart_renders_as_png(jjava):
    reply, messages = jjava.run("new org.knowm.xchart.XYChartBuilder().width(200).height(120).title(\"c\").build()")
    assert reply["status"] == "ok", errors(messages)
    data = [c for t, c in messages if t == "execute_result"][0]["data"]
    assert data["image/png"].startswith("iVBORw0KGgo")  # base64 of the PNG signature


def test_time_and_profile_magics_work_in_jjava(jjava):
    reply, messages = jjava.run("%%time\n6 * 7")
    assert reply["status"] == "ok", errors(messages)
    assert "real\t" in streams(messages) and "cpu/real" in streams(messages)
    reply, messages = jjava.run("%%profile\ndouble s = 0;\nfor (int i = 0; i < 20_000_000; i++) s += Math.sqrt(i);\ns > 0")
    assert reply["status"] == "ok", errors(messages)
    shown = [c["data"] for t, c in messages if t == "display_data"]
    assert shown and "<iframe" in shown[0]["text/html"] and "<table" in shown[0]["text/html"]

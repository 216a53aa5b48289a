"""The Spark lesson's path: the kernel JVM starts with spark/java-options (Install copies them into
kernel.json), so after %jars adds the spark module a cell can run Spark in local mode."""
import pytest

from conftest import ROOT, Session, errors, streams, KERNEL_NAME

SPARK_JAR = ROOT / "spark/target/parallel-lab-spark.jar"

pytestmark = pytest.mark.timeout(300)


@pytest.fixture(scope="module")
def spark_kernel(kernel_prefix):
    if not SPARK_JAR.exists() or not (ROOT / "spark/java-options").exists():
        pytest.skip("the spark module is not built (./mvnw -pl spark -am package)")
    session = Session(KERNEL_NAME)
    yield session
    session.close()


def test_spark_scans_in_the_kernel_after_jars(spark_kernel):
    spark_kernel.stdout(f"%jars {SPARK_JAR} {ROOT}/spark/target/lib/*.jar")
    reply, messages = spark_kernel.run("parallellab.spark.SparkJvm.hasFlags()")
    assert [c for t, c in messages if t == "execute_result"][0]["data"]["text/plain"] == "true", errors(messages)
    reply, messages = spark_kernel.run(
        'Path few = Lab.sample(Lab.library(), "mp3", 4);\n'
        'var results = new parallellab.spark.SparkScanner(ScanOptions.workers(1)).scan(few, Workloads.named("tags"), ScanListener.NONE);\n'
        "results.stream().filter(r -> r instanceof FileResult.Ok).count()", timeout=240)
    assert reply["status"] == "ok", errors(messages)
    assert [c for t, c in messages if t == "execute_result"][0]["data"]["text/plain"] == "4"
    assert not streams(messages, "stderr")  # Spark's logging stays out of the cell

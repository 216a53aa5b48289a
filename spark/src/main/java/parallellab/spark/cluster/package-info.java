/**
 * A Spark standalone cluster on this machine, started by the kit: a master and workers on
 * 127.0.0.1 from the driver's own jars ({@link parallellab.spark.cluster.SparkHome}), so that
 * lesson 06 can run the same scan on a real cluster, see executors on other JVMs, and kill one.
 * {@link parallellab.spark.cluster.LocalCluster} starts, reports and stops it;
 * {@link parallellab.spark.cluster.ClusterCommand} is {@code ./lab cluster}.
 */
package parallellab.spark.cluster;

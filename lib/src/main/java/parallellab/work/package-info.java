/**
 * The jobs a scan runs on each file: {@code tags} (read the tags), {@code analyze} (decode and
 * estimate tempo and loudness, CPU-bound) and {@code external} (run ffprobe or sox, a child process).
 *
 * <p>A {@link parallellab.work.Workload} turns one path into a {@link parallellab.work.FileResult}:
 * {@code Ok} with the song's data, or {@code Failed} with a one-line reason. A broken file is a
 * failed result, never an exception, and no workload ever writes to the file it reads. A file that
 * never finishes (a decoder looping on damaged bytes) is ended by a time budget per file,
 * {@link parallellab.work.FileBudget}, which any workload can wear ({@code withBudget}).
 */
package parallellab.work;

/** The parallel-lab Jupyter kernel: JShell on jjava-jupyter (see the kernel issue). */
package parallellab.kernel;

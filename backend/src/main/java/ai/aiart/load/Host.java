package ai.aiart.load;

/**
 * What this process uses of the machine, as the operating system tells it: the edge of the load
 * that {@link ResourceMonitor} smooths. {@link SystemHost} reads the JVM, {@code /proc} and the
 * cgroup; a test of the limiter may put a host with scripted readings in its place, and everything
 * from there on (smoothing, queue fill, load adaptation, the limits) stays the application's own.
 */
public interface Host {

    /** The machine's readings now. */
    Usage usage();

    /**
     * One reading, each part 0..1.
     *
     * @param cpu  the process's share of all the machine's CPUs
     * @param heap the heap in use against its maximum
     * @param rss  the resident memory against the container's memory limit (the machine's memory without one)
     */
    record Usage(double cpu, double heap, double rss) {
    }
}

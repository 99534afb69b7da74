package ai.aiart.load;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The readings of the real machine: process CPU and heap from the JVM, resident memory from
 * {@code /proc/self/statm} against the container's memory limit (cgroup v2, then v1; the machine's
 * memory when neither sets one). The limit is read once, at start-up.
 */
@ApplicationScoped
public class SystemHost implements Host {

    /** The size of a page in {@code statm}'s counts. */
    static final long PAGE = 4096;
    static final Path STATM = Path.of("/proc/self/statm");
    /** Where a container's memory limit is: cgroup v2 first, then v1. */
    static final List<Path> LIMIT_FILES = List.of(Path.of("/sys/fs/cgroup/memory.max"),
            Path.of("/sys/fs/cgroup/memory/memory.limit_in_bytes"));

    private final DoubleSupplier cpu;
    private final Supplier<MemoryUsage> heap;
    private final Path statm;
    private final long memoryLimit;

    public SystemHost() {
        this(os()::getProcessCpuLoad, ManagementFactory.getMemoryMXBean()::getHeapMemoryUsage, STATM, LIMIT_FILES,
                os()::getTotalMemorySize);
    }

    /** A host reading these sources instead (tests: fixture files in place of {@code /proc} and the cgroup). */
    SystemHost(DoubleSupplier cpu, Supplier<MemoryUsage> heap, Path statm, List<Path> limitFiles, LongSupplier machineMemory) {
        this.cpu = cpu;
        this.heap = heap;
        this.statm = statm;
        this.memoryLimit = containerMemoryLimit(limitFiles).orElseGet(machineMemory);
    }

    private static com.sun.management.OperatingSystemMXBean os() {
        return (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    }

    @Override
    public Usage usage() {
        // the JVM answers a negative CPU load until it has two readings to compare
        double cpuNow = Math.max(0, cpu.getAsDouble());
        MemoryUsage heapNow = heap.get();
        double heapShare = heapNow.getMax() > 0 ? (double) heapNow.getUsed() / heapNow.getMax() : 0;
        double rssShare = residentBytes(statm).orElse(0) / (double) memoryLimit;
        return new Usage(cpuNow, heapShare, rssShare);
    }

    /** The memory limit resident memory is measured against, in bytes. */
    long memoryLimit() {
        return memoryLimit;
    }

    /** Resident set size from a {@code statm} file (its second field, in pages), where there is one. */
    static OptionalLong residentBytes(Path statm) {
        try {
            String[] fields = Files.readString(statm).trim().split("\\s+");
            return OptionalLong.of(Long.parseLong(fields[1]) * PAGE);
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    /** The container's memory limit from the first of these files that sets one. */
    static OptionalLong containerMemoryLimit(List<Path> files) {
        for (Path file : files) {
            try {
                String value = Files.readString(file).trim();
                if (!value.equals("max")) {
                    long limit = Long.parseLong(value);
                    // cgroup v1 writes "no limit" as a huge number (2^63 rounded down to a page)
                    if (limit > 0 && limit < (1L << 50)) {
                        return OptionalLong.of(limit);
                    }
                }
            } catch (IOException | RuntimeException e) {
                // not in a container, or not this cgroup version
            }
        }
        return OptionalLong.empty();
    }
}

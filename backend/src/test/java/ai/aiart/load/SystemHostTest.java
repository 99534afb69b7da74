package ai.aiart.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The machine's readings: CPU and heap as the JVM gives them, resident memory from a
 * {@code statm} file against the memory limit of the cgroup files — fixtures written here in
 * place of {@code /proc/self/statm} and {@code /sys/fs/cgroup}.
 */
class SystemHostTest {

    private static final long MIB = 1024 * 1024;
    private static final long MACHINE = 8192 * MIB;

    @TempDir
    Path dir;
    private Path statm;
    private Path v2;
    private Path v1;

    @BeforeEach
    void fixtures() throws IOException {
        statm = dir.resolve("statm");
        v2 = dir.resolve("memory.max");
        v1 = dir.resolve("memory").resolve("memory.limit_in_bytes");
        Files.createDirectories(v1.getParent());
        // size, resident, shared, text, lib, data, dirty — in 4 KiB pages: 65,536 resident pages are 256 MiB
        Files.writeString(statm, "180000 65536 9000 2000 0 120000 0\n");
    }

    private SystemHost host(double cpu, long heapUsed, long heapMax) {
        return new SystemHost(() -> cpu, () -> new MemoryUsage(0, heapUsed, heapUsed, heapMax), statm, List.of(v2, v1), () -> MACHINE);
    }

    @Test
    void residentMemoryIsMeasuredAgainstTheCgroupV2Limit() throws IOException {
        Files.writeString(v2, "536870912\n"); // 512 MiB
        Files.writeString(v1, "1073741824\n"); // a v1 file too: v2 comes first
        SystemHost host = host(0.42, 96 * MIB, 128 * MIB);
        assertEquals(512 * MIB, host.memoryLimit());
        Host.Usage usage = host.usage();
        assertEquals(0.42, usage.cpu(), 1e-12, "the process's CPU as the JVM gives it");
        assertEquals(0.75, usage.heap(), 1e-12, "96 of 128 MiB of heap");
        assertEquals(0.5, usage.rss(), 1e-12, "256 MiB resident of a 512 MiB limit");

        Files.writeString(statm, "180000 98304 9000 2000 0 120000 0\n"); // 384 MiB
        assertEquals(0.75, host.usage().rss(), 1e-12, "statm is read at every sample");
    }

    @Test
    void withoutAV2LimitTheV1LimitCountsAndWithoutEitherTheMachinesMemory() throws IOException {
        Files.writeString(v2, "max\n");
        Files.writeString(v1, "1073741824\n"); // 1 GiB
        assertEquals(1024 * MIB, host(0, 0, 0).memoryLimit());
        assertEquals(0.25, host(0, 0, 0).usage().rss(), 1e-12);

        // v1 without a limit writes 2^63 rounded down to a page: no limit, so the machine's 8 GiB
        Files.writeString(v1, "9223372036854771712\n");
        assertEquals(MACHINE, host(0, 0, 0).memoryLimit());
        assertEquals(256.0 / 8192, host(0, 0, 0).usage().rss(), 1e-12);

        Files.delete(v2);
        Files.writeString(v1, "not a number\n");
        assertEquals(MACHINE, host(0, 0, 0).memoryLimit());
        Files.writeString(v1, "0\n");
        assertEquals(MACHINE, host(0, 0, 0).memoryLimit());
    }

    @Test
    void readingsTheMachineCannotGiveCountAsNothing() throws IOException {
        Files.writeString(v2, "536870912\n");
        // the JVM answers -1 before it has a CPU figure, and -1 for a heap without a maximum
        Host.Usage usage = host(-1, 50 * MIB, -1).usage();
        assertEquals(0, usage.cpu());
        assertEquals(0, usage.heap());
        Files.delete(statm); // no /proc (not Linux)
        assertEquals(0, host(0.1, 0, 0).usage().rss());
        Files.writeString(statm, "garbage");
        assertEquals(0, host(0.1, 0, 0).usage().rss());
    }

    @Test
    void theRealMachineGivesFiguresInRange() {
        Host.Usage usage = new SystemHost().usage();
        assertTrue(usage.cpu() >= 0 && usage.cpu() <= 1, "cpu " + usage.cpu());
        assertTrue(usage.heap() > 0 && usage.heap() < 1, "this JVM uses some of its heap: " + usage.heap());
        if (Files.isReadable(SystemHost.STATM)) {
            assertTrue(usage.rss() > 0 && usage.rss() < 1, "this JVM is resident, within its limit: " + usage.rss());
            assertTrue(ResourceMonitor.residentBytes().orElseThrow() > 16 * MIB, "a JVM is more than 16 MiB resident");
        }
    }
}

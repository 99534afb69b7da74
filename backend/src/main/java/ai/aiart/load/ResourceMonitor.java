package ai.aiart.load;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;

import jakarta.enterprise.context.ApplicationScoped;

import ai.aiart.config.AiartConfig;
import ai.aiart.generation.service.QueueStats;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;

/**
 * How loaded this instance is, 0..1: the largest of process CPU, memory (heap against its
 * maximum, resident memory against the container's limit) and queue fill, smoothed so that
 * one busy sample does not swing the limits (docs/FAIR_USE.md, §7). Also exposes active requests
 * and the mean response time.
 */
@ApplicationScoped
public class ResourceMonitor {

    private static final double SMOOTHING = 0.3;
    private static final long PAGE = 4096;

    private final QueueStats queue;
    private final RequestTracker requests;
    private final int queueMax;
    private final com.sun.management.OperatingSystemMXBean os;
    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final long memoryLimit;
    private volatile double cpu;
    private volatile double heap;
    private volatile double rss;
    private volatile double load;

    public ResourceMonitor(QueueStats queue, RequestTracker requests, AiartConfig config, MeterRegistry meters) {
        this.queue = queue;
        this.requests = requests;
        this.queueMax = Math.max(1, config.queue().max());
        this.os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        this.memoryLimit = containerMemoryLimit().orElse(os.getTotalMemorySize());
        Gauge.builder("aiart.load", this, ResourceMonitor::load).description("Smoothed load 0..1").register(meters);
        Gauge.builder("aiart.cpu", this, ResourceMonitor::cpu).description("Process CPU 0..1").register(meters);
        Gauge.builder("aiart.memory", this, ResourceMonitor::memory).description("Memory use 0..1").register(meters);
        Gauge.builder("aiart.requests.active", requests, RequestTracker::active).register(meters);
        Gauge.builder("aiart.response.time.mean", requests, RequestTracker::meanResponseMillis)
                .baseUnit("milliseconds").register(meters);
        Gauge.builder("aiart.queue.length", queue, QueueStats::queued).register(meters);
    }

    @Scheduled(every = "{aiart.load.sample-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void sample() {
        double cpuNow = Math.max(0, os.getProcessCpuLoad());
        var usage = memory.getHeapMemoryUsage();
        double heapNow = usage.getMax() > 0 ? (double) usage.getUsed() / usage.getMax() : 0;
        double rssNow = residentBytes().orElse(0) / (double) memoryLimit;
        double queueNow = Math.min(1.0, (double) queue.queued() / queueMax);
        cpu = cpuNow;
        heap = heapNow;
        rss = rssNow;
        double raw = Math.max(cpuNow, Math.max(Math.max(heapNow, rssNow), queueNow));
        load = load + SMOOTHING * (raw - load);
    }

    /** Smoothed load, 0..1. */
    public double load() {
        return load;
    }

    public double cpu() {
        return cpu;
    }

    /** The larger of heap and resident-memory use, 0..1. */
    public double memory() {
        return Math.max(heap, rss);
    }

    public int activeRequests() {
        return requests.active();
    }

    public double meanResponseMillis() {
        return requests.meanResponseMillis();
    }

    /** Resident set size from /proc, where there is one. */
    public static OptionalLong residentBytes() {
        try {
            String[] fields = Files.readString(Path.of("/proc/self/statm")).trim().split("\\s+");
            return OptionalLong.of(Long.parseLong(fields[1]) * PAGE);
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    /** The container's memory limit (cgroup v2, then v1), when one is set. */
    static OptionalLong containerMemoryLimit() {
        for (String file : List.of("/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory/memory.limit_in_bytes")) {
            try {
                String value = Files.readString(Path.of(file)).trim();
                if (!value.equals("max")) {
                    long limit = Long.parseLong(value);
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

package ai.aiart.load;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

import jakarta.enterprise.context.ApplicationScoped;

import ai.aiart.config.AiartConfig;
import ai.aiart.generation.service.QueueStats;
import io.quarkus.scheduler.Scheduled;

/**
 * How loaded this instance is, 0..1: the largest of process CPU, heap use and queue fill,
 * smoothed so that one busy sample does not swing the limits (DESIGN §7).
 */
@ApplicationScoped
public class ResourceMonitor {

    private static final double SMOOTHING = 0.3;

    private final QueueStats queue;
    private final int queueMax;
    private final com.sun.management.OperatingSystemMXBean os;
    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private volatile double cpu;
    private volatile double heap;
    private volatile double load;

    public ResourceMonitor(QueueStats queue, AiartConfig config) {
        this.queue = queue;
        this.queueMax = Math.max(1, config.queue().max());
        this.os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    }

    @Scheduled(every = "{aiart.load.sample-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void sample() {
        double cpuNow = Math.max(0, os.getProcessCpuLoad());
        var usage = memory.getHeapMemoryUsage();
        double heapNow = usage.getMax() > 0 ? (double) usage.getUsed() / usage.getMax() : 0;
        double queueNow = Math.min(1.0, (double) queue.queued() / queueMax);
        cpu = cpuNow;
        heap = heapNow;
        double raw = Math.max(cpuNow, Math.max(heapNow, queueNow));
        load = load + SMOOTHING * (raw - load);
    }

    /** Smoothed load, 0..1. */
    public double load() {
        return load;
    }

    public double cpu() {
        return cpu;
    }

    public double heap() {
        return heap;
    }
}

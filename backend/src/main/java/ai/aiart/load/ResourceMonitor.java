package ai.aiart.load;

import java.util.OptionalLong;
import java.util.function.LongSupplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;

/**
 * How loaded this instance is, 0..1: the largest of process CPU, memory (heap against its
 * maximum, resident memory against the container's limit) and queue fill, smoothed so that
 * one busy sample does not swing the limits (docs/FAIR_USE.md, §7). The machine's part comes from
 * a {@link Host} ({@link SystemHost} in production). Also exposes active requests and the mean
 * response time.
 */
@ApplicationScoped
public class ResourceMonitor {

    private static final double SMOOTHING = 0.3;

    private final Host host;
    private final LongSupplier queued;
    private final int queueMax;
    private final RequestTracker requests;
    private volatile double cpu;
    private volatile double heap;
    private volatile double rss;
    private volatile double load;

    @Inject
    public ResourceMonitor(QueueStats queue, RequestTracker requests, MeterRegistry meters, Host host) {
        this(host, queue::queued, queue.max(), requests, meters);
    }

    /** A monitor of these sources: the machine's readings, and the jobs waiting against the queue's maximum. */
    ResourceMonitor(Host host, LongSupplier queued, int queueMax, RequestTracker requests, MeterRegistry meters) {
        this.host = host;
        this.queued = queued; // held here: a gauge keeps only a weak reference to what it reads
        this.requests = requests;
        this.queueMax = Math.max(1, queueMax);
        Gauge.builder("aiart.load", this, ResourceMonitor::load).description("Smoothed load 0..1").register(meters);
        Gauge.builder("aiart.cpu", this, ResourceMonitor::cpu).description("Process CPU 0..1").register(meters);
        Gauge.builder("aiart.memory", this, ResourceMonitor::memory).description("Memory use 0..1").register(meters);
        Gauge.builder("aiart.requests.active", requests, RequestTracker::active).register(meters);
        Gauge.builder("aiart.response.time.mean", requests, RequestTracker::meanResponseMillis)
                .baseUnit("milliseconds").register(meters);
        Gauge.builder("aiart.queue.length", queued, LongSupplier::getAsLong).register(meters);
    }

    @Scheduled(every = "{aiart.load.sample-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void sample() {
        Host.Usage now = host.usage();
        double queueNow = Math.min(1.0, (double) queued.getAsLong() / queueMax);
        cpu = now.cpu();
        heap = now.heap();
        rss = now.rss();
        double raw = Math.max(now.cpu(), Math.max(Math.max(now.heap(), now.rss()), queueNow));
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
        return SystemHost.residentBytes(SystemHost.STATM);
    }
}

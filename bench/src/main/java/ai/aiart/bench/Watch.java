package ai.aiart.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Samples the backends in the background for the whole run: resident memory (VmRSS) every
 * 100 ms, for per-scenario peaks, and every second a point of the timeline plot with the
 * primary's queue length. {@link #mark} starts a scenario; {@link #peakKb} is its peak so far.
 */
final class Watch implements AutoCloseable {

    private final Supplier<Proc> primary;
    private final Supplier<Proc> fallback;
    private final int primaryPort;
    private final long t0 = System.nanoTime();
    private final List<double[]> primaryRss = new ArrayList<>();
    private final List<double[]> fallbackRss = new ArrayList<>();
    private final List<double[]> queue = new ArrayList<>();
    private final List<SvgPlot.Marker> markers = new ArrayList<>();
    private final Thread sampler;
    private volatile boolean running = true;
    private long peakPrimaryKb;
    private long peakFallbackKb;

    Watch(Supplier<Proc> primary, Supplier<Proc> fallback, int primaryPort) {
        this.primary = primary;
        this.fallback = fallback;
        this.primaryPort = primaryPort;
        this.sampler = Api.thread("bench-watch", this::sample);
    }

    private void sample() {
        long nextPoint = 0;
        try (MiniHttp http = new MiniHttp("127.0.0.1", primaryPort, 500)) {
            while (running) {
                long p = primary.get().rssKb();
                long f = fallback.get().rssKb();
                synchronized (this) {
                    peakPrimaryKb = Math.max(peakPrimaryKb, p);
                    peakFallbackKb = Math.max(peakFallbackKb, f);
                }
                long now = System.nanoTime();
                if (now >= nextPoint) {
                    double t = seconds();
                    int q = Api.queueLength(http);
                    synchronized (this) {
                        primaryRss.add(new double[] {t, p / 1024.0});
                        fallbackRss.add(new double[] {t, f / 1024.0});
                        if (q >= 0) {
                            queue.add(new double[] {t, q});
                        }
                    }
                    nextPoint = now + 1_000_000_000L;
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    double seconds() {
        return (System.nanoTime() - t0) / 1e9;
    }

    /** A scenario starts: a marker on the timeline, and the peaks start again from now. */
    synchronized void mark(String label) {
        markers.add(new SvgPlot.Marker(seconds(), label));
        peakPrimaryKb = primary.get().rssKb();
        peakFallbackKb = fallback.get().rssKb();
    }

    /** The highest resident memory of either backend since the last mark, in kB. */
    synchronized long peakKb() {
        return Math.max(peakPrimaryKb, peakFallbackKb);
    }

    synchronized long peakPrimaryKb() {
        return peakPrimaryKb;
    }

    synchronized long peakFallbackKb() {
        return peakFallbackKb;
    }

    synchronized String memorySvg() {
        return SvgPlot.timeline("Resident memory of the backends (MiB)", "VmRSS (MiB)",
                List.of(new SvgPlot.Series("primary", List.copyOf(primaryRss)), new SvgPlot.Series("fallback", List.copyOf(fallbackRss))),
                List.copyOf(markers));
    }

    synchronized String queueSvg() {
        return SvgPlot.timeline("Jobs waiting in the queue", "queued jobs",
                List.of(new SvgPlot.Series("queue length", List.copyOf(queue))), List.copyOf(markers));
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        sampler.interrupt();
        sampler.join(2000);
    }
}

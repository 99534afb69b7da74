package ai.aiart.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Samples the backends in the background for the whole run: resident memory (VmRSS) and its
 * anonymous part (RssAnon) every 100 ms, for per-scenario peaks, and every second a point of the
 * timeline plot with the primary's queue length. {@link #mark} starts a scenario; {@link #peakKb}
 * and {@link #peakAnonKb} are its peaks so far; {@link #runPeakAnonKb} the run's.
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
    private long peakAnonKb;
    private final long[] runPeakAnonKb = new long[2];

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
                long pa = primary.get().anonKb();
                long fa = fallback.get().anonKb();
                synchronized (this) {
                    peakPrimaryKb = Math.max(peakPrimaryKb, p);
                    peakFallbackKb = Math.max(peakFallbackKb, f);
                    peakAnonKb = Math.max(peakAnonKb, Math.max(pa, fa));
                    runPeakAnonKb[0] = Math.max(runPeakAnonKb[0], pa);
                    runPeakAnonKb[1] = Math.max(runPeakAnonKb[1], fa);
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
        peakAnonKb = Math.max(primary.get().anonKb(), fallback.get().anonKb());
    }

    /** The highest resident memory of either backend since the last mark, in kB. */
    synchronized long peakKb() {
        return Math.max(peakPrimaryKb, peakFallbackKb);
    }

    /** The highest anonymous resident memory (RssAnon) of either backend since the last mark, in kB. */
    synchronized long peakAnonKb() {
        return peakAnonKb;
    }

    /** The highest anonymous resident memory of the primary ({@code 0}) or the fallback ({@code 1}) in the whole run, in kB. */
    synchronized long runPeakAnonKb(int backend) {
        return runPeakAnonKb[backend];
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

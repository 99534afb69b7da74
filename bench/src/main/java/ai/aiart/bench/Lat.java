package ai.aiart.bench;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Latencies of one kind of request (HdrHistogram, microseconds, 3 significant digits) and the
 * answers it got, counted by outcome: the HTTP status, or {@code io} for a connection error
 * or a timeout.
 */
final class Lat {

    final String name;
    final Histogram histogram = new ConcurrentHistogram(1, 3_600_000_000L, 3);
    private final Map<String, LongAdder> outcomes = new ConcurrentHashMap<>();

    Lat(String name) {
        this.name = name;
    }

    /** Records one answer that took {@code nanos}. */
    void record(long nanos, int status) {
        histogram.recordValue(Math.max(1, nanos / 1000));
        count(Integer.toString(status));
    }

    /** Records a request that got no answer (refused, reset, timed out). */
    void failed(long nanos) {
        histogram.recordValue(Math.max(1, nanos / 1000));
        count("io");
    }

    void count(String outcome) {
        outcomes.computeIfAbsent(outcome, k -> new LongAdder()).increment();
    }

    long count() {
        return outcomes.values().stream().mapToLong(LongAdder::sum).sum();
    }

    long countOf(String outcome) {
        LongAdder n = outcomes.get(outcome);
        return n == null ? 0 : n.sum();
    }

    /** Answers with a 5xx status, or none at all, except the 503s that say "busy" (those are friendly). */
    long errors() {
        return outcomes.entrySet().stream()
                .filter(e -> e.getKey().equals("io") || (e.getKey().startsWith("5") && !e.getKey().equals("503")))
                .mapToLong(e -> e.getValue().sum()).sum();
    }

    Map<String, Long> outcomes() {
        Map<String, Long> sorted = new TreeMap<>();
        outcomes.forEach((k, v) -> sorted.put(k, v.sum()));
        return sorted;
    }

    /** The latency at {@code percentile} (0–100), in ms. */
    double ms(double percentile) {
        return histogram.getTotalCount() == 0 ? Double.NaN : histogram.getValueAtPercentile(percentile) / 1000.0;
    }

    double maxMs() {
        return histogram.getTotalCount() == 0 ? Double.NaN : histogram.getMaxValue() / 1000.0;
    }

    /** "202: 980, 503: 20" */
    String outcomeSummary() {
        StringBuilder s = new StringBuilder();
        outcomes().forEach((k, v) -> s.append(s.length() == 0 ? "" : ", ").append(k).append(": ").append(v));
        return s.length() == 0 ? "none" : s.toString();
    }
}

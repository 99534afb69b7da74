package ai.aiart.bench;

import java.util.Locale;

/**
 * A target of issue #9: a bound on a figure. {@link #verdict(double)} says whether a measured
 * value meets it, and when it does not, by how much.
 *
 * @param text  the target as the table shows it, e.g. "≤ 250 ms"
 * @param limit the bound
 * @param atMost true for an upper bound (latency, memory), false for a lower one (throughput)
 * @param unit  the unit of the difference, e.g. "ms"
 */
record Target(String text, double limit, boolean atMost, String unit) {

    static Target atMost(double limit, String unit) {
        return new Target(("≤ " + Report.number(limit) + " " + unit).trim(), limit, true, unit);
    }

    static Target atLeast(double limit, String unit) {
        return new Target(("≥ " + Report.number(limit) + " " + unit).trim(), limit, false, unit);
    }

    /** Zero is the only acceptable count (5xx answers, lost jobs). */
    static Target zero(String unit) {
        return new Target("0", 0, true, unit);
    }

    boolean met(double value) {
        return !Double.isNaN(value) && (atMost ? value <= limit : value >= limit);
    }

    /** "met", or "missed by 120 ms (+48 %)"; "not measured" when there is no value. */
    String verdict(double value) {
        if (Double.isNaN(value)) {
            return "not measured";
        }
        if (met(value)) {
            return "met";
        }
        double by = Math.abs(value - limit);
        String relative = limit == 0 ? "" : String.format(Locale.ROOT, " (%s%d %%)", atMost ? "+" : "−",
                Math.round(by / limit * 100));
        return "**missed** by " + Report.number(by) + (unit.isEmpty() ? "" : " " + unit) + relative;
    }
}

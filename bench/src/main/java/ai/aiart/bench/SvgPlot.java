package ai.aiart.bench;

import java.util.List;
import java.util.Locale;

/**
 * Plots as self-contained SVG (no library, no fonts to fetch): the latency distribution of
 * several request kinds in HdrHistogram's usual form (percentile on a log scale of
 * 1/(1−p), so the tail gets the room), and figures over time (memory, queue length).
 */
final class SvgPlot {

    /** One line: its name and its points (x, y). */
    record Series(String name, List<double[]> points) {
    }

    /** A vertical line at {@code x} with a label: where a scenario starts. */
    record Marker(double x, String label) {
    }

    static final int WIDTH = 800;
    static final int HEIGHT = 440;
    private static final int LEFT = 70;
    private static final int RIGHT = 190;
    private static final int TOP = 40;
    private static final int BOTTOM = 50;
    private static final String[] COLOURS = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf"};
    /** The x axis of a percentile plot ends at 99.99 %. */
    static final double MAX_NINES = 4;

    private SvgPlot() {
    }

    /** Latency (ms, y) by percentile (x, points given as percentile 0–100). */
    static String percentiles(String title, List<Series> series) {
        double maxY = niceCeiling(series.stream().flatMap(s -> s.points().stream()).mapToDouble(p -> p[1]).max().orElse(1));
        StringBuilder svg = open(title);
        axes(svg, "percentile", "latency (ms)");
        double[] ticks = {0, 90, 99, 99.9, 99.99};
        for (double t : ticks) {
            double x = px(nines(t), MAX_NINES);
            svg.append(line(x, TOP, x, HEIGHT - BOTTOM, "#ddd")).append(text(x, HEIGHT - BOTTOM + 16, Report.number(t) + " %", "middle"));
        }
        yTicks(svg, maxY);
        for (int i = 0; i < series.size(); i++) {
            StringBuilder path = new StringBuilder();
            for (double[] p : series.get(i).points()) {
                if (p[0] > 99.99) {
                    continue;
                }
                path.append(path.length() == 0 ? "M" : " L").append(fmt(px(nines(p[0]), MAX_NINES))).append(',').append(fmt(py(p[1], maxY)));
            }
            svg.append(path(path.toString(), COLOURS[i % COLOURS.length]));
            legend(svg, i, series.get(i).name());
        }
        return svg.append("</svg>\n").toString();
    }

    /** Values (y) over time (x, seconds), with markers where scenarios start. */
    static String timeline(String title, String yLabel, List<Series> series, List<Marker> markers) {
        double maxX = Math.max(1, series.stream().flatMap(s -> s.points().stream()).mapToDouble(p -> p[0]).max().orElse(1));
        double maxY = niceCeiling(series.stream().flatMap(s -> s.points().stream()).mapToDouble(p -> p[1]).max().orElse(1));
        StringBuilder svg = open(title);
        axes(svg, "time (s)", yLabel);
        double step = niceCeiling(maxX / 8);
        for (double t = 0; t <= maxX; t += step) {
            double x = px(t, maxX);
            svg.append(line(x, HEIGHT - BOTTOM, x, HEIGHT - BOTTOM + 4, "#333")).append(text(x, HEIGHT - BOTTOM + 16, Report.number(t), "middle"));
        }
        yTicks(svg, maxY);
        for (int i = 0; i < markers.size(); i++) {
            double x = px(markers.get(i).x(), maxX);
            svg.append(line(x, TOP, x, HEIGHT - BOTTOM, "#bbb").replace("/>", " stroke-dasharray=\"4 3\"/>"));
            svg.append(text(x + 3, TOP + 12 + (i % 3) * 12, markers.get(i).label(), "start").replace("<text", "<text fill=\"#666\""));
        }
        for (int i = 0; i < series.size(); i++) {
            StringBuilder path = new StringBuilder();
            for (double[] p : series.get(i).points()) {
                path.append(path.length() == 0 ? "M" : " L").append(fmt(px(p[0], maxX))).append(',').append(fmt(py(p[1], maxY)));
            }
            svg.append(path(path.toString(), COLOURS[i % COLOURS.length]));
            legend(svg, i, series.get(i).name());
        }
        return svg.append("</svg>\n").toString();
    }

    /** log10(1/(1−p)): 0 % → 0, 90 % → 1, 99 % → 2, 99.9 % → 3. */
    static double nines(double percentile) {
        double rest = 1 - Math.min(percentile, 99.99) / 100;
        return Math.log10(1 / rest);
    }

    /** The smallest 1, 2 or 5 × 10ⁿ at or above {@code value}. */
    static double niceCeiling(double value) {
        if (!(value > 0)) {
            return 1;
        }
        double magnitude = Math.pow(10, Math.floor(Math.log10(value)));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * magnitude >= value * 0.999999) {
                return m * magnitude;
            }
        }
        return 10 * magnitude;
    }

    private static StringBuilder open(String title) {
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH).append("\" height=\"").append(HEIGHT)
                .append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
                .append("\" font-family=\"sans-serif\" font-size=\"11\">\n")
                .append("<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>\n")
                .append("<text x=\"").append(WIDTH / 2).append("\" y=\"22\" text-anchor=\"middle\" font-size=\"14\">").append(escape(title))
                .append("</text>\n");
        return svg;
    }

    private static void axes(StringBuilder svg, String xLabel, String yLabel) {
        svg.append(line(LEFT, HEIGHT - BOTTOM, WIDTH - RIGHT, HEIGHT - BOTTOM, "#333"))
                .append(line(LEFT, TOP, LEFT, HEIGHT - BOTTOM, "#333"))
                .append(text((LEFT + WIDTH - RIGHT) / 2.0, HEIGHT - 12, xLabel, "middle"))
                .append("<text transform=\"translate(16,").append((TOP + HEIGHT - BOTTOM) / 2).append(") rotate(-90)\" text-anchor=\"middle\">")
                .append(escape(yLabel)).append("</text>\n");
    }

    private static void yTicks(StringBuilder svg, double maxY) {
        for (int i = 0; i <= 5; i++) {
            double v = maxY * i / 5;
            double y = py(v, maxY);
            svg.append(line(LEFT, y, WIDTH - RIGHT, y, "#eee")).append(text(LEFT - 6, y + 4, Report.number(v), "end"));
        }
    }

    private static void legend(StringBuilder svg, int i, String name) {
        double y = TOP + 10 + i * 18;
        double x = WIDTH - RIGHT + 12;
        svg.append(line(x, y, x + 22, y, COLOURS[i % COLOURS.length]).replace("stroke-width=\"1\"", "stroke-width=\"3\""))
                .append(text(x + 28, y + 4, name, "start"));
    }

    private static double px(double x, double maxX) {
        return LEFT + (WIDTH - LEFT - RIGHT) * Math.min(x, maxX) / maxX;
    }

    private static double py(double y, double maxY) {
        return HEIGHT - BOTTOM - (HEIGHT - TOP - BOTTOM) * Math.min(y, maxY) / maxY;
    }

    private static String line(double x1, double y1, double x2, double y2, String colour) {
        return "<line x1=\"" + fmt(x1) + "\" y1=\"" + fmt(y1) + "\" x2=\"" + fmt(x2) + "\" y2=\"" + fmt(y2)
                + "\" stroke=\"" + colour + "\" stroke-width=\"1\"/>\n";
    }

    private static String path(String d, String colour) {
        return d.isEmpty() ? "" : "<path d=\"" + d + "\" fill=\"none\" stroke=\"" + colour + "\" stroke-width=\"2\"/>\n";
    }

    private static String text(double x, double y, String s, String anchor) {
        return "<text x=\"" + fmt(x) + "\" y=\"" + fmt(y) + "\" text-anchor=\"" + anchor + "\">" + escape(s) + "</text>\n";
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}

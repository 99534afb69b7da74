package ai.aiart.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

class SvgPlotTest {

    @Test
    void percentilePlotIsWellFormedSvgWithOneLinePerSeriesAndALegend() throws Exception {
        String svg = SvgPlot.percentiles("Latency <ms> & more", List.of(
                new SvgPlot.Series("burst of 100", List.of(new double[] {0, 10}, new double[] {50, 20}, new double[] {99, 180}, new double[] {99.999, 400})),
                new SvgPlot.Series("health", List.of(new double[] {0, 1}, new double[] {99, 9}))));
        Document doc = parse(svg);
        assertEquals("svg", doc.getDocumentElement().getTagName());
        assertEquals(2, doc.getElementsByTagName("path").getLength(), "one line per series");
        assertTrue(svg.contains(">burst of 100<") && svg.contains(">health<"), "legend names each series");
        assertTrue(svg.contains("Latency &lt;ms&gt; &amp; more"), "the title is escaped");
        assertTrue(svg.contains(">99.9 %<"), "the tail has its ticks");
        assertTrue(svg.contains(">200<"), "the y axis ends at a round number above the largest value shown (180 → 200)");
    }

    @Test
    void timelineHasMarkersAndScalesToTheData() throws Exception {
        String svg = SvgPlot.timeline("Memory", "MiB", List.of(new SvgPlot.Series("primary", List.of(new double[] {0, 150}, new double[] {60, 230}))),
                List.of(new SvgPlot.Marker(10, "burst 100")));
        parse(svg);
        assertTrue(svg.contains("stroke-dasharray"), "a dashed marker line");
        assertTrue(svg.contains(">burst 100<"));
        assertTrue(svg.contains(">500<"), "230 MiB rounds up to a 500 MiB axis");
    }

    @Test
    void percentilesMapToNinesAndAxesToRoundNumbers() {
        assertEquals(0, SvgPlot.nines(0), 1e-9);
        assertEquals(1, SvgPlot.nines(90), 1e-9);
        assertEquals(2, SvgPlot.nines(99), 1e-9);
        assertEquals(4, SvgPlot.nines(100), 1e-6); // capped at 99.99 %
        assertEquals(200, SvgPlot.niceCeiling(180), 1e-9);
        assertEquals(50, SvgPlot.niceCeiling(41), 1e-9);
        assertEquals(1, SvgPlot.niceCeiling(0), 1e-9);
        assertEquals(0.5, SvgPlot.niceCeiling(0.31), 1e-9);
    }

    private static Document parse(String svg) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }
}

package ai.aiart.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class ReportTest {

    @Test
    void figuresAreHeldAgainstTheirTargetsAndTheMissSaysByHowMuch() {
        Report report = new Report();
        report.add("Burst of 1000", "answer p99", 372.4, "ms", Target.atMost(250, "ms"));
        report.add("Flood", "refusals per second", 12_345, "/s", Target.atLeast(10_000, "/s"));
        report.add("Failover", "accepted jobs lost", 0, "", Target.zero(""));
        report.info("Memory", "RSS idle", "170 MiB");

        List<Report.Row> rows = report.rows();
        assertEquals(new Report.Row("Burst of 1000", "answer p99", "372 ms", "≤ 250 ms", "**missed** by 122 ms (+49 %)"), rows.get(0));
        assertEquals(new Report.Row("Flood", "refusals per second", "12,345 /s", "≥ 10,000 /s", "met"), rows.get(1));
        assertEquals("met", rows.get(2).verdict());
        assertEquals("", rows.get(3).target());
        assertEquals(1, report.missed());
    }

    @Test
    void aLowerBoundMissedSaysHowFarBelow() {
        assertEquals("**missed** by 6,700 /s (−67 %)", Target.atLeast(10_000, "/s").verdict(3300));
        assertEquals("**missed** by 3", Target.zero("").verdict(3).trim());
        assertEquals("not measured", Target.atMost(1.5, "s").verdict(Double.NaN));
    }

    @Test
    void numbersKeepThreeSignificantFiguresAndGroupThousands() {
        assertEquals("0.42", Report.number(0.4213));
        assertEquals("1.5", Report.number(1.5));
        assertEquals("12.3", Report.number(12.34));
        assertEquals("250", Report.number(250.4));
        assertEquals("10,400", Report.number(10_400.2));
        assertEquals("7", Report.number(7));
    }

    @Test
    void theTableIsMarkdownAndPipesInCellsAreEscaped() {
        Report report = new Report();
        report.info("a | b", "figure", "1");
        report.note("a note");
        String md = report.markdown(List.of("Measured today."), List.of("![plot](images/x.svg)"));
        assertTrue(md.startsWith(Report.BEGIN));
        assertTrue(md.endsWith(Report.END));
        assertTrue(md.contains("* Measured today.\n"));
        assertTrue(md.contains("| scenario | figure | measured | target | verdict |\n|---|---|---:|---|---|\n"));
        assertTrue(md.contains("| a \\| b | figure | 1 |  |  |\n"));
        assertTrue(md.contains("* a note\n"));
        assertTrue(md.contains("![plot](images/x.svg)"));
    }

    @Test
    void mergeReplacesOnlyTheGeneratedBlock() {
        String doc = "# Performance\n\nHand-written intro.\n\n" + Report.BEGIN + "\nold table\n" + Report.END + "\n\n## How to read\n\nKept.\n";
        String merged = Report.merge(doc, Report.BEGIN + "\nnew table\n" + Report.END);
        assertEquals("# Performance\n\nHand-written intro.\n\n" + Report.BEGIN + "\nnew table\n" + Report.END + "\n\n## How to read\n\nKept.\n", merged);
        assertFalse(merged.contains("old table"));
    }

    @Test
    void aDocumentWithoutABlockGetsItAppended() {
        String merged = Report.merge("# Performance\n\nIntro.\n\n", Report.BEGIN + "\nt\n" + Report.END);
        assertEquals("# Performance\n\nIntro.\n\n" + Report.BEGIN + "\nt\n" + Report.END + "\n", merged);
    }
}

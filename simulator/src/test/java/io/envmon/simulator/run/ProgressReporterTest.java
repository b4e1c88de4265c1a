package io.envmon.simulator.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A terminal gets one line redrawn in place; a log gets a line per report. */
class ProgressReporterTest {

    @Test
    void onATerminalTheLineIsRedrawnInPlaceAndLeftAboveTheSummary() {
        StringWriter text = new StringWriter();
        ProgressReporter progress = new ProgressReporter(new RunStats(), new PrintWriter(text), Duration.ofSeconds(5), true);
        progress.start();
        progress.report();
        progress.report();
        progress.close();
        String out = text.toString();
        assertEquals(2, out.split("\r", -1).length - 1, out);
        assertTrue(out.startsWith("\rsent 0 msgs / 0 readings"), out);
        assertEquals(1, out.chars().filter(c -> c == '\n').count(), "one newline, at the end: " + out);
        assertTrue(out.endsWith("\u001b[K" + System.lineSeparator()), out);
    }

    @Test
    void elsewhereEachReportIsALine() {
        StringWriter text = new StringWriter();
        ProgressReporter progress = new ProgressReporter(new RunStats(), new PrintWriter(text), Duration.ofSeconds(5), false);
        progress.start();
        progress.report();
        progress.report();
        progress.close();
        assertEquals(2, text.toString().lines().filter(l -> l.startsWith("sent 0 msgs")).count(), text.toString());
        assertTrue(!text.toString().contains("\r"));
    }
}

package org.knudsen.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProgressReporterTest {
    /** A clock the test moves by hand. */
    private static final class FakeClock {
        long nanos = 5_000_000_000L;

        void advanceSeconds(double s) {
            nanos += Math.round(s * 1e9);
        }
    }

    @Test
    void logLinesComeAtMostEveryIntervalWithRateAndEtaFromSimulatedTime() {
        FakeClock clock = new FakeClock();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream log = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        try (ProgressReporter p = ProgressReporter.lines("", 0.5, log, Duration.ofSeconds(10), () -> clock.nanos)) {
            p.update(0.0, 0); // baseline
            // 1000 steps of dt = 1.23e-4 at 100 steps/s of wall time: 10 s per 1000 steps
            for (int s = 1; s <= 1000; s++) {
                clock.advanceSeconds(0.01);
                p.update(s * 1.23e-4, s);
            }
            clock.advanceSeconds(0.5);
            p.update(0.123, 1234);
        }
        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        // after 10 s (step 1000): t = 0.123; ETA = (0.5 - 0.123) / 0.123 * 10 s = 30.65 s
        assertEquals("t = 0.123 / 0.5 (24.6%), 1000 steps, 100 steps/s, ETA 00:00:31", lines.get(0));
        // on close: the unprinted last update (234 steps in 0.5 s), then the summary line
        assertEquals("t = 0.123 / 0.5 (24.6%), 1234 steps, 468 steps/s, ETA 00:00:32", lines.get(1));
        assertEquals("done: t = 0.123, 1234 steps in 00:00:11 (118 steps/s on average)", lines.get(2));
        assertEquals(3, lines.size(), String.join("\n", lines));
    }

    @Test
    void resumedRunMeasuresRateAndEtaFromItsFirstUpdateAndNamesTheTask() {
        FakeClock clock = new FakeClock();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream log = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        ProgressReporter p = ProgressReporter.lines("eps=0.1", 2.0, log, Duration.ofSeconds(60), () -> clock.nanos);
        p.update(1.0, 50_000); // resumed at t = 1 after 50000 steps
        clock.advanceSeconds(59);
        p.update(1.1, 51_000);
        assertEquals("", bytes.toString(StandardCharsets.UTF_8), "no line before the interval");
        clock.advanceSeconds(1);
        p.update(1.2, 52_000);
        // 0.2 of simulated time in 60 s → 0.8 left takes 240 s
        assertEquals("eps=0.1: t = 1.2 / 2 (60.0%), 52000 steps, 33 steps/s, ETA 00:04:00",
                bytes.toString(StandardCharsets.UTF_8).strip());
    }

    /** The lines the bar printed: every carriage-return-separated redraw, without ANSI and line ends. */
    private static List<String> redraws(ByteArrayOutputStream bytes) {
        return java.util.Arrays.stream(bytes.toString(StandardCharsets.UTF_8).split("[\r\n]+"))
                .map(l -> l.replaceAll("\u001B\\[[0-9;]*[A-Za-z]", "")).filter(l -> !l.isBlank()).toList();
    }

    /**
     * In a fake 80-column terminal (the consumer's width) the bar keeps at least 10 columns and the line shows the
     * task, the percentage, the simulated time and the ETA, never wider than 80; the final line has the steps.
     */
    @Test
    void terminalBarFitsEightyColumnsWithTheSimulatedTimeAndEta() {
        FakeClock clock = new FakeClock();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        try (ProgressReporter p = ProgressReporter.bar("ternary", 0.5, out, 80, () -> clock.nanos)) {
            for (int s = 0; s <= 250; s++) {
                p.update(s * 1e-3, s);
                clock.advanceSeconds(0.01);
            }
        }
        List<String> lines = redraws(bytes);
        assertFalse(lines.isEmpty());
        for (String l : lines) {
            assertTrue(l.length() <= 80, () -> l.length() + " columns: " + l);
            assertTrue(l.matches("ternary +\\d+% \\[[=> ]{10,}\\].*"), l);
        }
        String last = lines.get(lines.size() - 1);
        assertTrue(last.startsWith("ternary  50% [") && last.endsWith("] t = 0.25 / 0.5, 250 steps"), last);
        // a message line of the running bar, drawn by the line renderer at 80 columns
        String running = ProgressReporter.Line.render("ternary", 0.52, List.of("t = 0.26 / 0.5", "ETA 00:00:04",
                "26 steps/s", "130 steps"), 80);
        assertEquals("ternary  52% [======>      ] t = 0.26 / 0.5, ETA 00:00:04, 26 steps/s, 130 steps", running);
    }

    /** Narrower terminals and long task names: the least important parts go first, the bar keeps 10 columns. */
    @Test
    void barLineDropsTheLeastImportantPartsToFitNarrowTerminals() {
        List<String> parts = List.of("t = 0.1234 / 12.5", "ETA 12:34:56", "123456 steps/s", "98765432 steps");
        String task = "binary-check-with-a-long-name";
        for (int width = 200; width >= 1; width--) {
            String l = ProgressReporter.Line.render(task, 0.25, parts, width);
            int w = width;
            assertTrue(l.length() <= width, () -> w + ": " + l);
            if (width >= 45) {
                assertTrue(l.contains("t = 0.1234 / 12.5") && l.matches(".*\\[[=> ]{10,}\\].*"), () -> w + ": " + l);
            }
        }
        for (int width : new int[] {120, 97, 80, 60, 48, 40, 30, 16}) {
            System.out.println(width + ": " + ProgressReporter.Line.render(task, 0.25, parts, width));
        }
        assertEquals("binary-check-with-a-long-name  25% [===>        ] t = 0.1234 / 12.5, ETA 12:34:56, 123456 steps/s",
                ProgressReporter.Line.render(task, 0.25, parts, 97));
        assertEquals("binary-chec~  25% [==>       ] t = 0.1234 / 12.5", ProgressReporter.Line.render(task, 0.25, parts, 48));
        assertEquals(" 25% [=====>                ] t = 0.1234 / 12.5", ProgressReporter.Line.render(task, 0.25, parts, 47));
        assertEquals("  0% [>         ]", ProgressReporter.Line.render("", Double.NaN, List.of(), 17));
    }

    @Test
    void clockAndTimeFormats() {
        assertEquals("00:01:23", ProgressReporter.clock(83.4));
        assertEquals("27:46:40", ProgressReporter.clock(100_000));
        assertEquals("--:--:--", ProgressReporter.clock(Double.NaN));
        assertEquals("0.123", ProgressReporter.time(0.1230000001));
        assertEquals("0.5", ProgressReporter.time(0.5));
        assertEquals("0.000025", ProgressReporter.time(2.5e-5)); // plain, no exponent
        assertEquals("12350", ProgressReporter.time(12345.6));
        assertEquals("0", ProgressReporter.time(0));
    }
}

package org.knudsen.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // XChart's tick search can loop forever on some axis settings; fail instead of hanging CI
class PlotsTest {
    /** Set KNUDSEN_PLOT_DIR to keep the PNGs for a look (they go to a temp dir otherwise). */
    private static Path outDir(Path temp) throws Exception {
        String keep = System.getenv("KNUDSEN_PLOT_DIR");
        return keep == null ? temp : Files.createDirectories(Path.of(keep));
    }

    @Test
    void timeSeriesPlotIsAValidPngOfTheRequestedSize(@TempDir Path temp) throws Exception {
        int n = 200;
        double[] t = new double[n];
        double[] decay = new double[n];
        double[] measured = new double[n / 10];
        double[] tm = new double[n / 10];
        double[] se = new double[n / 10];
        for (int i = 0; i < n; i++) {
            t[i] = 0.5 * i / (n - 1);
            decay[i] = 0.2 * Math.exp(-4 * Math.PI * Math.PI * 0.3 * t[i]);
        }
        for (int i = 0; i < n / 10; i++) {
            tm[i] = t[10 * i];
            measured[i] = decay[10 * i] * (1 + 0.05 * Math.sin(7.0 * i));
            se[i] = 0.01;
        }
        measured[3] = Double.NaN; // e.g. a statistic without enough samples yet: skipped
        Path png = outDir(temp).resolve("density_mode.png");
        Plots.linePlot(png, "Density mode amplitude of species A", "t", "amplitude of c_A",
                List.of(Plots.Series.line("Maxwell-Stefan", t, decay), Plots.Series.points("DSMC ± 1.96 SE", tm, measured, se)),
                new Plots.Options(640, 480, false, false));
        BufferedImage img = ImageIO.read(png.toFile());
        assertNotNull(img, "not a readable PNG");
        assertEquals(640, img.getWidth());
        assertEquals(480, img.getHeight());
        byte[] head = java.util.Arrays.copyOf(Files.readAllBytes(png), 8);
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}, head);
    }

    @Test
    void logLogEpsilonPlotSkipsNonPositiveAndNonFinitePoints(@TempDir Path temp) throws Exception {
        double[] eps = {0.4, 0.2, 0.1, 0.05, 0.025, 0.0125};
        double[] dev = {3e-2, 1.6e-2, 7.5e-3, -1e-4, 2e-3, Double.NaN}; // one negative after noise correction
        double[] err = {2e-3, 1e-3, 1e-3, 1e-3, 3e-3, 1e-3}; // the 0.025 bar reaches below zero
        double[] slope1 = eps.clone();
        for (int i = 0; i < eps.length; i++) {
            slope1[i] = 0.075 * eps[i];
        }
        Path png = outDir(temp).resolve("epsilon_sweep.png");
        Plots.linePlot(png, "||F - M|| versus epsilon", "epsilon", "deviation",
                List.of(Plots.Series.points("measured", eps, dev, err), Plots.Series.line("slope 1", eps, slope1)),
                Plots.Options.LOG_LOG);
        BufferedImage img = ImageIO.read(png.toFile());
        assertNotNull(img);
        assertEquals(800, img.getWidth());
        Plots.Series kept = Plots.drawable(Plots.Series.points("m", eps, dev, err), Plots.Options.LOG_LOG);
        assertArrayEquals(new double[] {0.4, 0.2, 0.1, 0.025}, kept.x(), 0.0);
        assertEquals(2e-3 * Plots.LOG_AXIS_MAX_BAR, kept.yError()[3], 1e-18, "bar clipped above zero on a log axis");
        assertEquals(2e-3, kept.yError()[0], 0.0);
        Plots.Series linear = Plots.drawable(Plots.Series.points("m", eps, dev, err), Plots.Options.DEFAULT);
        assertEquals(5, linear.x().length, "on linear axes only the NaN point goes");
    }

    @Test
    void degenerateButValidDataStillRenders(@TempDir Path temp) throws Exception {
        // constant series, a single point, a range of 1e-15 around 1, huge values: none may hang or throw
        List<List<Plots.Series>> cases = List.of(
                List.of(Plots.Series.line("flat", new double[] {0, 0.01, 0.02}, new double[] {1, 1, 1})),
                List.of(Plots.Series.points("one", new double[] {0.5}, new double[] {2}, new double[] {0.1})),
                List.of(Plots.Series.line("tiny range", new double[] {0, 1, 2}, new double[] {1, 1 + 1e-15, 1 - 1e-15})),
                List.of(Plots.Series.line("huge", new double[] {1e10, 2e10}, new double[] {-1e300, 1e300})));
        for (List<Plots.Series> series : cases) {
            Path png = temp.resolve(series.get(0).name().replace(' ', '_') + ".png");
            Plots.linePlot(png, series.get(0).name(), "x", "y", series, new Plots.Options(300, 200, false, false));
            assertNotNull(ImageIO.read(png.toFile()), png::toString);
        }
        Path png = temp.resolve("loglog_one_decade.png");
        Plots.linePlot(png, "within one decade", "x", "y",
                List.of(Plots.Series.line("l", new double[] {2, 3, 4}, new double[] {5, 6, 7})), Plots.Options.LOG_LOG);
        assertNotNull(ImageIO.read(png.toFile()));
    }

    @Test
    void seriesWithoutAnyDrawablePointOrWithMismatchedLengthsIsRejectedByName(@TempDir Path temp) {
        Path png = temp.resolve("bad.png");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Plots.linePlot(png, "p", "x", "y",
                List.of(Plots.Series.line("all NaN", new double[] {1, 2}, new double[] {Double.NaN, Double.NaN}))));
        assertTrue(e.getMessage().contains("all NaN") && e.getMessage().contains("no point"), e::getMessage);
        IllegalArgumentException len = assertThrows(IllegalArgumentException.class,
                () -> Plots.Series.line("short", new double[] {1, 2}, new double[] {1}));
        assertTrue(len.getMessage().contains("short") && len.getMessage().contains("equal lengths"), len::getMessage);
        assertTrue(!Files.exists(png));
    }

    /**
     * The z of an excluded comparison is NaN: such points are skipped, as are ±∞ (on which XChart 3.8.8 itself throws
     * at render time, while it silently drops NaN); {@link Plots#hasDrawablePoint} tells a caller that a series has
     * nothing to draw, and {@link Plots#render} gives the PNG bytes without writing, so that a caller writing several
     * files can render them all first.
     */
    @Test
    void nonFinitePointsAreSkippedAndRenderWritesNothing(@TempDir Path temp) throws Exception {
        double[] t = {0, 0.01, 0.02, 0.03};
        Plots.Series mixed = Plots.Series.points("z", t, new double[] {Double.NaN, 1.5, Double.POSITIVE_INFINITY, -2}, null);
        Plots.Series none = Plots.Series.points("none", t, new double[] {Double.NaN, Double.NEGATIVE_INFINITY,
                Double.POSITIVE_INFINITY, Double.NaN}, null);
        assertTrue(Plots.hasDrawablePoint(mixed, Plots.Options.DEFAULT));
        assertTrue(!Plots.hasDrawablePoint(none, Plots.Options.DEFAULT));
        assertArrayEquals(new double[] {0.01, 0.03}, Plots.drawable(mixed, Plots.Options.DEFAULT).x(), 0.0);
        Path png = temp.resolve("z.png");
        byte[] bytes = Plots.render(png, "z", "t", "z", List.of(mixed), Plots.Options.DEFAULT);
        assertTrue(!Files.exists(png), "render writes nothing");
        assertNotNull(ImageIO.read(new java.io.ByteArrayInputStream(bytes)));
    }
}

package org.knudsen.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * PNG line and scatter plots (XChart, rendered headless: no display needed on a cluster node).
 *
 * <p>Points that cannot be drawn are skipped, not fatal: a non-finite x, y or error bar (NaN from a
 * statistic with too few samples; XChart 3.8.8 itself silently drops NaN but throws on ±∞ at render time), and on
 * a logarithmic axis a value ≤ 0 (e.g. a noise-corrected norm
 * that came out negative). A series left with no point at all is an error, so that an empty plot never
 * passes silently. Files are replaced atomically.
 */
public final class Plots {
    static {
        // must precede the first AWT use; harmless if the caller already chose
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    /** How a series is drawn: markers without lines (measurements), a solid line, or a dashed line (theory). */
    public enum Style {
        POINTS, LINE, DASHED
    }

    /**
     * One curve. {@code yError} (nullable) is the half-width of an error bar at each point (e.g. 1.96 SE for a
     * 95 % interval); {@code style} draws points without connecting lines (measurements), a solid or a dashed line
     * without markers (theory, time series); {@code color} (nullable: XChart's palette) lets several series of one
     * quantity share a colour (e.g. one per species).
     */
    public record Series(String name, double[] x, double[] y, double[] yError, Style style, java.awt.Color color) {
        public Series {
            if (x == null || y == null || x.length != y.length || (yError != null && yError.length != y.length)) {
                throw new IllegalArgumentException("plot series '" + name + "': x, y" + (yError != null ? ", yError" : "")
                        + " must have equal lengths (x " + (x == null ? "null" : x.length) + ", y "
                        + (y == null ? "null" : y.length) + (yError != null ? ", yError " + yError.length : "") + ")");
            }
            java.util.Objects.requireNonNull(style, "style");
        }

        public static Series line(String name, double[] x, double[] y) {
            return new Series(name, x, y, null, Style.LINE, null);
        }

        public static Series dashed(String name, double[] x, double[] y) {
            return new Series(name, x, y, null, Style.DASHED, null);
        }

        public static Series points(String name, double[] x, double[] y, double[] yError) {
            return new Series(name, x, y, yError, Style.POINTS, null);
        }

        /** The same series in the given colour. */
        public Series withColor(java.awt.Color c) {
            return new Series(name, x, y, yError, style, c);
        }

        /** Drawn as markers without lines. */
        public boolean markersOnly() {
            return style == Style.POINTS;
        }
    }

    /** A few colours that stay distinct on white, for series that must share one per group (species). */
    public static java.awt.Color palette(int i) {
        java.awt.Color[] p = {new java.awt.Color(0x1f77b4), new java.awt.Color(0xd62728), new java.awt.Color(0x2ca02c),
            new java.awt.Color(0x9467bd), new java.awt.Color(0xff7f0e), new java.awt.Color(0x8c564b),
            new java.awt.Color(0xe377c2), new java.awt.Color(0x17becf)};
        return p[Math.floorMod(i, p.length)];
    }

    /** Image size in pixels and logarithmic axes (log-log for the ε study). */
    public record Options(int width, int height, boolean logX, boolean logY) {
        public static final Options DEFAULT = new Options(800, 600, false, false);
        public static final Options LOG_LOG = new Options(800, 600, true, true);

        public Options {
            if (width < 50 || height < 50 || width > 10_000 || height > 10_000) {
                throw new IllegalArgumentException("plot size " + width + "x" + height + " must be 50..10000 pixels");
            }
        }
    }

    /** Longest error bar on a log y axis, as a fraction of y (see {@link #drawable}). */
    static final double LOG_AXIS_MAX_BAR = 0.9;

    private Plots() {
    }

    /** A linear-axes plot of {@code series} saved as PNG. */
    public static void linePlot(Path png, String title, String xLabel, String yLabel, List<Series> series) {
        linePlot(png, title, xLabel, yLabel, series, Options.DEFAULT);
    }

    /** A plot of {@code series} saved as PNG with the given size and axis scales. */
    public static void linePlot(Path png, String title, String xLabel, String yLabel, List<Series> series,
            Options options) {
        byte[] bytes = render(png, title, xLabel, yLabel, series, options);
        AtomicFiles.write(png, out -> out.write(bytes));
    }

    /**
     * The PNG bytes of the plot, without writing anything ({@code png} names the plot in messages only): a caller
     * that writes several files renders every plot first, so that a plot that cannot be drawn leaves no half-written
     * set of outputs.
     */
    public static byte[] render(Path png, String title, String xLabel, String yLabel, List<Series> series,
            Options options) {
        XYChart chart = chart(png, title, xLabel, yLabel, series, options);
        try {
            return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(png + ": cannot render plot '" + title + "'", e);
        }
    }

    /** True when the series has at least one point {@link #drawable} keeps on these axes. */
    public static boolean hasDrawablePoint(Series series, Options options) {
        return drawable(series, options).x().length > 0;
    }

    static XYChart chart(Path png, String title, String xLabel, String yLabel, List<Series> series,
            Options options) {
        if (series == null || series.isEmpty()) {
            throw new IllegalArgumentException(png + ": plot '" + title + "' has no series");
        }
        XYChart chart = new XYChartBuilder().width(options.width()).height(options.height()).title(title)
                .xAxisTitle(xLabel).yAxisTitle(yLabel).build();
        org.knowm.xchart.style.XYStyler s = chart.getStyler();
        chart.getStyler().setXAxisLogarithmic(options.logX());
        chart.getStyler().setYAxisLogarithmic(options.logY());
        s.setChartBackgroundColor(java.awt.Color.WHITE);
        s.setPlotBackgroundColor(java.awt.Color.WHITE);
        s.setPlotGridLinesColor(new java.awt.Color(0xDD, 0xDD, 0xDD));
        s.setLegendBorderColor(java.awt.Color.LIGHT_GRAY);
        s.setLegendVisible(series.size() > 1 || !series.get(0).name().isEmpty());
        s.setErrorBarsColorSeriesColor(true);
        // one row below the plot while it fits (XChart does not wrap a horizontal legend: it cut the mode plot's
        // nine entries off at both ends), else a column to the right
        if (legendWidth(series) <= options.width() - 20) {
            s.setLegendPosition(Styler.LegendPosition.OutsideS);
            s.setLegendLayout(Styler.LegendLayout.Horizontal);
        } else {
            s.setLegendPosition(Styler.LegendPosition.OutsideE);
            s.setLegendLayout(Styler.LegendLayout.Vertical);
        }
        // XChart puts ticks on the data's x values when they are equally spaced (output times) and prints
        // them with all digits; a label function gives short labels. Never on a log axis: XChart's
        // label-function tick search does not terminate there (3.8.8); see logAxis for those.
        if (!options.logX()) {
            s.setxAxisTickLabelsFormattingFunction(v -> Numbers.significant(v, 4));
        }
        if (!options.logY()) {
            s.setyAxisTickLabelsFormattingFunction(v -> Numbers.significant(v, 4));
        }
        if (options.logX() || options.logY()) {
            List<Series> shown = series.stream().map(in -> drawable(in, options)).toList();
            if (options.logX()) {
                LogAxis x = LogAxis.of(shown, true);
                s.setXAxisLogarithmicDecadeOnly(x.decadeOnly());
                s.setXAxisMin(x.min());
                s.setXAxisMax(x.max());
            }
            if (options.logY()) {
                LogAxis y = LogAxis.of(shown, false);
                s.setYAxisLogarithmicDecadeOnly(y.decadeOnly());
                s.setYAxisMin(y.min());
                s.setYAxisMax(y.max());
            }
        }
        java.util.Set<String> names = new java.util.HashSet<>();
        for (Series in : series) {
            if (!names.add(in.name())) {
                throw new IllegalArgumentException(png + ": plot '" + title + "' has two series named '" + in.name() + "'");
            }
            Series ok = drawable(in, options);
            if (ok.x().length == 0) {
                throw new IllegalArgumentException(png + ": plot '" + title + "', series '" + in.name() + "' has no point"
                        + " that can be drawn (" + in.x().length + " points, all non-finite"
                        + (options.logX() || options.logY() ? " or <= 0 on a log axis" : "") + ")");
            }
            XYSeries xs = ok.yError() == null ? chart.addSeries(in.name(), ok.x(), ok.y())
                    : chart.addSeries(in.name(), ok.x(), ok.y(), ok.yError());
            if (in.markersOnly()) {
                xs.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
                xs.setMarker(SeriesMarkers.CIRCLE);
            } else {
                xs.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
                xs.setMarker(SeriesMarkers.NONE);
                if (in.style() == Style.DASHED) {
                    xs.setLineStyle(new java.awt.BasicStroke(2f, java.awt.BasicStroke.CAP_BUTT,
                            java.awt.BasicStroke.JOIN_ROUND, 10f, new float[] {8f, 5f}, 0f));
                }
            }
            if (in.color() != null) {
                xs.setMarkerColor(in.color());
                xs.setLineColor(in.color());
            }
        }
        return chart;
    }

    /** The width in pixels of a one-row legend of these series (XChart's default 11-point font; an estimate). */
    static int legendWidth(List<Series> series) {
        int w = 10;
        for (Series sr : series) {
            w += 45 + (int) Math.ceil(6.5 * sr.name().length());
        }
        return w;
    }

    /**
     * The ticks of a logarithmic axis, so that it always has several labels (XChart labels only the decades by
     * default: an axis from 0.1 to 0.4 had the single label 0.1). Data within one decade: a labelled tick at every
     * 1…9 × 10^n (0.1, 0.2, 0.3, 0.4) over the data's range (null: XChart's). Wider: decade ticks only (1…9 ticks
     * would overlap), on an axis widened to the enclosing decades, so at least three decades are labelled.
     */
    record LogAxis(boolean decadeOnly, Double min, Double max) {
        static LogAxis of(List<Series> shown, boolean xAxis) {
            double lo = Double.POSITIVE_INFINITY;
            double hi = 0;
            for (Series sr : shown) {
                for (int i = 0; i < sr.x().length; i++) {
                    double v = xAxis ? sr.x()[i] : sr.y()[i];
                    double e = xAxis || sr.yError() == null ? 0 : sr.yError()[i];
                    lo = Math.min(lo, v - e);
                    hi = Math.max(hi, v + e);
                }
            }
            if (!(lo > 0) || !(hi >= lo) || !Double.isFinite(hi)) {
                return new LogAxis(true, null, null);
            }
            if (hi <= 10 * lo * (1 + 1e-12)) {
                return new LogAxis(false, null, null);
            }
            return new LogAxis(true, Math.pow(10, Math.floor(Math.log10(lo) + 1e-12)),
                    Math.pow(10, Math.ceil(Math.log10(hi) - 1e-12)));
        }
    }

    /**
     * The points XChart can draw (see class comment). On a log y axis an error bar reaching to or below zero
     * is shortened to 0.9·y, reaching one decade down (XChart bars are symmetric, so the upper half shrinks
     * too): log of a negative number cannot be drawn, and a bar to y/1000 would squeeze every other point.
     */
    static Series drawable(Series in, Options options) {
        int n = in.x().length;
        double[] x = new double[n];
        double[] y = new double[n];
        double[] e = in.yError() == null ? null : new double[n];
        int m = 0;
        for (int i = 0; i < n; i++) {
            double xi = in.x()[i];
            double yi = in.y()[i];
            double ei = e == null ? 0 : in.yError()[i];
            if (!Double.isFinite(xi) || !Double.isFinite(yi) || !Double.isFinite(ei) || ei < 0
                    || (options.logX() && xi <= 0) || (options.logY() && yi <= 0)) {
                continue;
            }
            x[m] = xi;
            y[m] = yi;
            if (e != null) {
                e[m] = options.logY() ? Math.min(ei, LOG_AXIS_MAX_BAR * yi) : ei;
            }
            m++;
        }
        return new Series(in.name(), Arrays.copyOf(x, m), Arrays.copyOf(y, m), e == null ? null : Arrays.copyOf(e, m),
                in.style(), in.color());
    }
}

package newarch.viz;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One or several named series over x: positional-encoding columns over positions, a loss over steps,
 * attention weights over keys.
 *
 * <pre>
 * LinePlot.create().title("PE columns").axisTitles("position", "value")
 *         .series("dim 0", pe.getColumn(0)).series("dim 8", pe.getColumn(8))
 *         .save(Path.of("figures", "pe-columns.png"));
 * </pre>
 */
public final class LinePlot {
    /** Colour-blind-safe (Okabe–Ito), in an order where neighbours differ in lightness as well as hue. */
    private static final Color[] COLORS = {
        new Color(0, 114, 178), new Color(213, 94, 0), new Color(0, 158, 115), new Color(204, 121, 167),
        new Color(86, 180, 233), new Color(230, 159, 0), new Color(0, 0, 0), new Color(240, 228, 66)};

    private record Series(String name, double[] x, double[] y) {
    }

    private final List<Series> series = new ArrayList<>();
    private String title = "";
    private String xTitle = "";
    private String yTitle = "";
    private int width = 640;
    private int height = 400;
    private boolean markers;
    private boolean logY;
    private boolean logX;
    private Double yMin;
    private Double yMax;

    private LinePlot() {
    }

    public static LinePlot create() {
        return new LinePlot();
    }

    public LinePlot title(String title) {
        this.title = title == null ? "" : title;
        return this;
    }

    public LinePlot axisTitles(String x, String y) {
        this.xTitle = x == null ? "" : x;
        this.yTitle = y == null ? "" : y;
        return this;
    }

    /** A series at x = 0, 1, 2, ... */
    public LinePlot series(String name, double[] y) {
        double[] x = new double[y.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = i;
        }
        return series(name, x, y);
    }

    /** A series from a vector (any shape with one non-unit dimension, e.g. a column [L, 1] or a row [1, L]). */
    public LinePlot series(String name, INDArray y) {
        if (y.length() != Math.max(1, java.util.Arrays.stream(y.shape()).max().orElse(1))) {
            throw new IllegalArgumentException("series '" + name + "' has shape " + java.util.Arrays.toString(y.shape())
                    + " but must be a vector (one dimension larger than 1)");
        }
        return series(name, y.dup().castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).toDoubleVector());
    }

    public LinePlot series(String name, double[] x, double[] y) {
        if (x.length != y.length || x.length == 0) {
            throw new IllegalArgumentException("series '" + name + "' has " + x.length + " x values and " + y.length
                    + " y values: they must be equal and non-zero");
        }
        for (Series s : series) {
            if (s.name().equals(name)) {
                throw new IllegalArgumentException("there is already a series named '" + name + "'");
            }
        }
        series.add(new Series(name, x.clone(), y.clone()));
        return this;
    }

    public LinePlot size(int width, int height) {
        Png.requireSize(width, height);
        this.width = width;
        this.height = height;
        return this;
    }

    /** Draw a marker at each point: useful when points are few (weights over 6 keys), noise when they are many. */
    public LinePlot markers(boolean on) {
        this.markers = on;
        return this;
    }

    /** A logarithmic y axis, for losses spanning orders of magnitude. */
    public LinePlot logY(boolean on) {
        this.logY = on;
        return this;
    }

    /** A logarithmic x axis: with {@link #logY} a power law y ∝ x^k is a straight line of slope k. */
    public LinePlot logX(boolean on) {
        this.logX = on;
        return this;
    }

    public LinePlot yRange(double min, double max) {
        if (!(min < max)) {
            throw new IllegalArgumentException("y range min " + min + " must be below max " + max);
        }
        this.yMin = min;
        this.yMax = max;
        return this;
    }

    /** Draws the figure without saving it (for {@link FigureGrid}). */
    public BufferedImage render() {
        if (series.isEmpty()) {
            throw new IllegalStateException("a line plot needs at least one series (call series(name, y))");
        }
        Png.headless();
        XYChart chart = new XYChartBuilder().width(width).height(height).title(title)
                .xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        XYStyler s = chart.getStyler();
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotGridLinesColor(new Color(225, 225, 225));
        s.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        s.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        s.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        s.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        s.setLegendPosition(Styler.LegendPosition.OutsideE);
        s.setLegendVisible(series.size() > 1 || !series.get(0).name().isBlank());
        s.setYAxisLogarithmic(logY);
        if (yMin != null) {
            s.setYAxisMin(yMin);
            s.setYAxisMax(yMax);
        }
        s.setMarkerSize(7);
        // XChart ticks integer x every 2, and 2-digit labels then run together ("1012141618"), whatever its spacing
        // hint says: keep its ticks but label only multiples of a round step that leaves room between labels.
        s.setXAxisLogarithmic(logX);
        if (!logX) { // XChart labels decades of a log axis itself
            double step = labelStep(width / 80);
            s.setXAxisTickLabelsFormattingFunction(v -> label(v, step));
        }
        for (int i = 0; i < series.size(); i++) {
            Series d = series.get(i);
            XYSeries xy = chart.addSeries(d.name(), d.x(), d.y());
            xy.setLineColor(COLORS[i % COLORS.length]);
            xy.setMarkerColor(COLORS[i % COLORS.length]);
            xy.setLineStyle(new BasicStroke(2f));
            xy.setMarker(markers ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
        }
        return BitmapEncoder.getBufferedImage(chart);
    }

    /** A round step (1, 2 or 5 times a power of ten) giving at most {@code maxLabels} labels over the x range. */
    private double labelStep(int maxLabels) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (Series d : series) {
            for (double x : d.x()) {
                lo = Math.min(lo, x);
                hi = Math.max(hi, x);
            }
        }
        double raw = (hi - lo) / Math.max(1, maxLabels);
        if (!(raw > 0) || !Double.isFinite(raw)) {
            return 1;
        }
        double power = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * power >= raw) {
                return m * power;
            }
        }
        return 10 * power;
    }

    private static String label(double v, double step) {
        double k = v / step;
        if (Math.abs(k - Math.rint(k)) > 1e-6) {
            return "";
        }
        return java.math.BigDecimal.valueOf(Math.rint(k) * step).round(new java.math.MathContext(10))
                .stripTrailingZeros().toPlainString();
    }

    /** Renders and writes the PNG (creating its directory); returns the image so a notebook cell shows it. */
    public BufferedImage save(Path png) {
        return Png.write(render(), png);
    }
}

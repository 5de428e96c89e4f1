package newarch.viz;

import java.awt.Color;
import java.awt.Font;
import java.awt.image.BufferedImage;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.HeatMapSeries;
import org.knowm.xchart.style.HeatMapStyler;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A matrix as coloured cells with a colour scale, row 0 on top as in a printed matrix (attention weights:
 * one row per query, one column per key).
 *
 * <pre>
 * BufferedImage img = Heatmap.of(weights).title("attention").rowLabels(words).columnLabels(words)
 *         .save(Path.of("figures", "attention.png"));
 * </pre>
 * The values are copied when the heatmap is made, so changing the array afterwards does not change the figure.
 */
public final class Heatmap {
    /** Colour scales. Both stay light enough at the top end that black cell values remain readable. */
    public enum Palette {
        /** Light yellow → blue, for non-negative values such as attention weights. */
        SEQUENTIAL(new Color(255, 255, 217), new Color(199, 233, 180), new Color(127, 205, 187),
                new Color(65, 182, 196), new Color(29, 145, 192), new Color(34, 94, 168)),
        /** Blue → white → red around zero, for signed values such as positional encodings. */
        DIVERGING(new Color(33, 102, 172), new Color(146, 197, 222), new Color(247, 247, 247),
                new Color(244, 165, 130), new Color(178, 24, 43));

        private final Color[] colors;

        Palette(Color... colors) {
            this.colors = colors;
        }
    }

    /** Cells narrower than this get thinned tick labels: one label per few cells instead of an unreadable smear. */
    private static final int MIN_PIXELS_PER_X_LABEL = 30;
    private static final int MIN_PIXELS_PER_Y_LABEL = 28;

    private final double[][] values;
    private String title = "";
    private String rowTitle = "";
    private String columnTitle = "";
    private List<String> rowLabels;
    private List<String> columnLabels;
    private int width = 640;
    private int height = 520;
    private Boolean showValues;
    private String valueFormat = "0.00";
    private Double min;
    private Double max;
    private Palette palette = Palette.SEQUENTIAL;

    private Heatmap(double[][] values) {
        this.values = values;
    }

    /** A heatmap of a matrix [rows, columns]; leading dimensions of size 1 (e.g. [1, 1, L, S]) are dropped. */
    public static Heatmap of(INDArray matrix) {
        return of(asMatrix(matrix));
    }

    /** The values of a matrix, or of a tensor whose extra leading dimensions all have size 1. */
    static double[][] asMatrix(INDArray matrix) {
        if (matrix == null) {
            throw new IllegalArgumentException("the matrix is null");
        }
        long[] shape = matrix.shape();
        int lead = 0;
        while (shape.length - lead > 2 && shape[lead] == 1) {
            lead++;
        }
        if (shape.length - lead != 2 || shape[lead] == 0 || shape[lead + 1] == 0) {
            throw new IllegalArgumentException("expected a matrix [rows, columns] but got shape "
                    + java.util.Arrays.toString(shape) + " (select one batch element / head first)");
        }
        return matrix.reshape(shape[lead], shape[lead + 1]).toDoubleMatrix();
    }

    public static Heatmap of(double[][] values) {
        if (values == null || values.length == 0 || values[0].length == 0) {
            throw new IllegalArgumentException("a heatmap needs at least one row and one column");
        }
        double[][] copy = new double[values.length][];
        for (int i = 0; i < values.length; i++) {
            if (values[i].length != values[0].length) {
                throw new IllegalArgumentException("row " + i + " has " + values[i].length + " values but row 0 has "
                        + values[0].length + ": a heatmap needs a rectangular matrix");
            }
            for (int j = 0; j < values[i].length; j++) {
                if (!Double.isFinite(values[i][j])) {
                    throw new IllegalArgumentException("the value at [" + i + ", " + j + "] is " + values[i][j]
                            + ": a heatmap needs finite values (to draw an additive mask, plot mask == 0 instead)");
                }
            }
            copy[i] = values[i].clone();
        }
        return new Heatmap(copy);
    }

    public Heatmap title(String title) {
        this.title = title == null ? "" : title;
        return this;
    }

    /** Axis titles, e.g. ("query", "key"). */
    public Heatmap axisTitles(String rows, String columns) {
        this.rowTitle = rows == null ? "" : rows;
        this.columnTitle = columns == null ? "" : columns;
        return this;
    }

    public Heatmap rowLabels(List<String> labels) {
        this.rowLabels = checkedLabels("row", labels, values.length);
        return this;
    }

    public Heatmap columnLabels(List<String> labels) {
        this.columnLabels = checkedLabels("column", labels, values[0].length);
        return this;
    }

    public Heatmap size(int width, int height) {
        Png.requireSize(width, height);
        this.width = width;
        this.height = height;
        return this;
    }

    /** Print each value in its cell; by default only when the matrix is small enough (at most 16 × 16) to read. */
    public Heatmap showValues(boolean show) {
        this.showValues = show;
        return this;
    }

    /** The DecimalFormat pattern of the printed values, "0.00" by default. */
    public Heatmap valueFormat(String pattern) {
        this.valueFormat = pattern;
        return this;
    }

    /**
     * Fixes the ends of the colour scale, e.g. (0, 1) for attention weights, so that figures side by side share
     * one scale. By default the scale spans the data (symmetric around 0 for {@link Palette#DIVERGING}).
     */
    public Heatmap range(double min, double max) {
        if (!(min < max)) {
            throw new IllegalArgumentException("range min " + min + " must be below max " + max);
        }
        this.min = min;
        this.max = max;
        return this;
    }

    public Heatmap palette(Palette palette) {
        this.palette = palette;
        return this;
    }

    /** Draws the figure without saving it (for {@link FigureGrid}). */
    public BufferedImage render() {
        Png.headless();
        int rows = values.length;
        int cols = values[0].length;
        HeatMapChart chart = new HeatMapChartBuilder().width(width).height(height).title(title)
                .xAxisTitle(columnTitle).yAxisTitle(rowTitle).build();
        HeatMapStyler s = chart.getStyler();
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotGridLinesVisible(false);
        s.setPlotBorderVisible(false);
        s.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        s.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        s.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        s.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        s.setRangeColors(palette.colors);
        // XChart skips categories closer than its spacing hint (every other word of a sentence would vanish, and
        // with our own thinning below it can skip exactly the labelled ones): we thin, so it must draw them all.
        s.setXAxisTickMarkSpacingHint(1);
        s.setYAxisTickMarkSpacingHint(1);
        s.setDrawBorder(rows * cols <= 400);
        boolean show = showValues != null ? showValues : rows <= 16 && cols <= 16;
        s.setShowValue(show);
        s.setHeatMapValueDecimalPattern(valueFormat);
        s.setValueFont(new Font(Font.SANS_SERIF, Font.PLAIN, cols <= 8 ? 13 : 11));
        s.setValueFontColor(Color.BLACK);

        int xStep = labelStep(cols, (int) (width * 0.75) / MIN_PIXELS_PER_X_LABEL);
        int yStep = labelStep(rows, (int) (height * 0.75) / MIN_PIXELS_PER_Y_LABEL);
        List<String> xLabels = thinned(columnLabels != null ? columnLabels : indices(cols), xStep);
        List<String> yLabels = new ArrayList<>(thinned(rowLabels != null ? rowLabels : indices(rows), yStep));
        // XChart draws y index 0 at the bottom; a matrix reads top-down, so row i goes to y index rows-1-i.
        java.util.Collections.reverse(yLabels);
        if (longest(xLabels) * 8 > width * 0.75 / cols * xStep) {
            s.setXAxisLabelRotation(45); // long words under narrow columns would overlap
        }
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double[] row : values) {
            for (double v : row) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        if (palette == Palette.DIVERGING && min == null) {
            double m = Math.max(Math.abs(lo), Math.abs(hi));
            lo = -m;
            hi = m;
        }
        if (min != null) {
            lo = min;
            hi = max;
        } else if (lo < hi) {
            // XChart prints the scale's ends as raw doubles ("32.00000000000001"): round them outwards to 2 digits.
            int exponent = (int) Math.floor(Math.log10(hi - lo)) - 1;
            lo = rounded(lo, exponent, RoundingMode.FLOOR);
            hi = rounded(hi, exponent, RoundingMode.CEILING);
        }
        if (lo == hi) { // a constant matrix still needs a scale of non-zero width
            lo -= 0.5;
            hi += 0.5;
        }
        List<Number[]> cells = new ArrayList<>(rows * cols);
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                cells.add(new Number[] {j, rows - 1 - i, snapped(values[i][j], lo, hi)});
            }
        }
        HeatMapSeries series = chart.addSeries(" ", xLabels, yLabels, cells);
        series.setMin(lo);
        series.setMax(hi);
        s.setMin(lo);
        s.setMax(hi);
        return BitmapEncoder.getBufferedImage(chart);
    }

    /** Renders and writes the PNG (creating its directory); returns the image so a notebook cell shows it. */
    public BufferedImage save(Path png) {
        return Png.write(render(), png);
    }

    /**
     * A value within rounding error of an end of the scale, moved onto that end. XChart picks a colour from
     * (v − lo)/(hi − lo) and indexes one past the last colour when that rounds to 1 for a v just below hi (a cosine
     * similarity of 0.9999999999999999 on the scale −1..1); at the ends exactly it uses the end colours.
     */
    private static double snapped(double v, double lo, double hi) {
        double tolerance = (hi - lo) * 1e-9;
        if (v > hi - tolerance && v < hi) {
            return hi;
        }
        return v < lo + tolerance && v > lo ? lo : v;
    }

    /** x rounded to a multiple of 10^exponent, with a tolerance so that 32.00000000000001 becomes 32, not 33. */
    private static double rounded(double x, int exponent, RoundingMode mode) {
        BigDecimal unit = BigDecimal.ONE.scaleByPowerOfTen(exponent);
        BigDecimal steps = BigDecimal.valueOf(x).divide(unit, 6, RoundingMode.HALF_EVEN).setScale(0, mode);
        return steps.multiply(unit).doubleValue();
    }

    private static List<String> checkedLabels(String what, List<String> labels, int expected) {
        if (labels == null || labels.size() != expected) {
            throw new IllegalArgumentException(what + " labels: got " + (labels == null ? "null" : labels.size()
                    + " labels") + " but the matrix has " + expected + " " + what + "s");
        }
        return List.copyOf(labels);
    }

    private static List<String> indices(int n) {
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(Integer.toString(i));
        }
        return out;
    }

    /** Label every step-th cell so that at most {@code room} labels are drawn. */
    private static int labelStep(int cells, int room) {
        return Math.max(1, (int) Math.ceil(cells / (double) Math.max(1, room)));
    }

    /** Keeps every step-th label, counting from the first, and blanks the rest. */
    private static List<String> thinned(List<String> labels, int step) {
        if (step == 1) {
            return labels;
        }
        List<String> out = new ArrayList<>(labels.size());
        for (int i = 0; i < labels.size(); i++) {
            out.add(i % step == 0 ? labels.get(i) : "");
        }
        return out;
    }

    private static int longest(List<String> labels) {
        return labels.stream().mapToInt(String::length).max().orElse(0);
    }
}

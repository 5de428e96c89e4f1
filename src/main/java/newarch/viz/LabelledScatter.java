package newarch.viz;

import java.awt.Color;
import java.awt.Font;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Points in the plane with a text label beside each: a 2-D projection of word vectors, where the labels are the
 * point of the figure.
 */
public final class LabelledScatter {
    private final String title;
    private final double[] x;
    private final double[] y;
    private final List<String> labels;

    private LabelledScatter(String title, double[] x, double[] y, List<String> labels) {
        if (x.length != y.length || x.length != labels.size() || x.length == 0) {
            throw new IllegalArgumentException("labelled scatter: x has " + x.length + " points, y " + y.length
                    + " and labels " + labels.size() + "; they must agree and not be empty");
        }
        this.title = title;
        this.x = x.clone();
        this.y = y.clone();
        this.labels = List.copyOf(labels);
    }

    public static LabelledScatter of(String title, double[] x, double[] y, List<String> labels) {
        return new LabelledScatter(title, x, y, labels);
    }

    public BufferedImage render() {
        Png.headless();
        XYChart chart = new XYChartBuilder().width(720).height(560).title(title).xAxisTitle("component 1")
                .yAxisTitle("component 2").build();
        XYStyler s = chart.getStyler();
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotGridLinesColor(new Color(225, 225, 225));
        s.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        s.setLegendVisible(false);
        s.setAnnotationTextFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        s.setAnnotationTextFontColor(new Color(40, 40, 40));
        XYSeries points = chart.addSeries("words", x, y);
        points.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        points.setMarker(SeriesMarkers.CIRCLE);
        points.setMarkerColor(new Color(0, 114, 178));
        double dy = (max(y) - min(y)) * 0.025;   // the label just above its point
        for (int i = 0; i < x.length; i++) {
            chart.addAnnotation(new AnnotationText(labels.get(i), x[i], y[i] + dy, false));
        }
        return BitmapEncoder.getBufferedImage(chart);
    }

    public BufferedImage save(Path png) {
        return Png.write(render(), png);
    }

    private static double max(double[] v) {
        double m = Double.NEGATIVE_INFINITY;
        for (double d : v) {
            m = Math.max(m, d);
        }
        return m;
    }

    private static double min(double[] v) {
        double m = Double.POSITIVE_INFINITY;
        for (double d : v) {
            m = Math.min(m, d);
        }
        return m;
    }
}

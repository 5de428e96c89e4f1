package newarch.viz;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.factory.Nd4j;

class LinePlotTest {
    @TempDir
    Path dir;

    @Test
    void savesSeveralNamedSeries() throws Exception {
        double[] x = new double[50];
        double[] sin = new double[50];
        double[] cos = new double[50];
        for (int i = 0; i < 50; i++) {
            x[i] = i;
            sin[i] = Math.sin(i / 5.0);
            cos[i] = Math.cos(i / 5.0);
        }
        Path png = dir.resolve("sub").resolve("curves.png");
        LinePlot.create().title("two columns").axisTitles("position", "value")
                .series("sin", x, sin).series("cos", x, cos).series("column", Nd4j.linspace(-1, 1, 50).reshape(50, 1))
                .size(700, 380).save(png);
        PngAssert.assertPng(png, 700, 380);
    }

    @Test
    void logarithmicLossCurveWithMarkers() throws Exception {
        double[] loss = new double[30];
        for (int i = 0; i < loss.length; i++) {
            loss[i] = 5 * Math.exp(-i / 6.0) + 0.01;
        }
        Path png = dir.resolve("loss.png");
        LinePlot.create().title("loss").series("train", loss).markers(true).logY(true).save(png);
        PngAssert.assertPng(png, 640, 400);
    }

    @Test
    void errorsNameTheProblem() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> LinePlot.create().series("a", new double[3], new double[4]));
        assertTrue(e.getMessage().contains("3 x values and 4 y values"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> LinePlot.create().series("m", Nd4j.zeros(3, 3)));
        assertTrue(e.getMessage().contains("[3, 3]"), e.getMessage());
        var s = assertThrows(IllegalStateException.class, () -> LinePlot.create().render());
        assertTrue(s.getMessage().contains("at least one series"), s.getMessage());
    }
}

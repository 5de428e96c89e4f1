package newarch.viz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

class HeatmapTest {
    @TempDir
    Path dir;

    @Test
    void savesLabelledAttentionWeightsAtTheRequestedSize() throws Exception {
        var weights = Nd4j.rand(DataType.FLOAT, 5, 5);
        weights.diviColumnVector(weights.sum(1).reshape(5, 1));
        Path png = dir.resolve("figures").resolve("attention.png");   // the directory does not exist yet
        BufferedImage shown = Heatmap.of(weights).title("attention weights").axisTitles("query", "key")
                .rowLabels(List.of("I", "saw", "a", "saw", ".")).columnLabels(List.of("I", "saw", "a", "saw", "."))
                .range(0, 1).size(520, 440).save(png);
        BufferedImage read = PngAssert.assertPng(png, 520, 440);
        assertEquals(read.getWidth(), shown.getWidth());
    }

    @Test
    void rowZeroIsDrawnOnTop() {
        // Row 0 holds the maximum (darkest blue), row 1 the minimum (lightest yellow).
        BufferedImage img = Heatmap.of(new double[][] {{1}, {0}}).showValues(false).size(400, 400).render();
        int x = (int) (img.getWidth() * 0.4);
        double top = PngAssert.luminance(img, x, (int) (img.getHeight() * 0.3));
        double bottom = PngAssert.luminance(img, x, (int) (img.getHeight() * 0.7));
        assertTrue(top < bottom - 50, "row 0 (the larger value, darker) should be on top: luminance top " + top
                + ", bottom " + bottom);
    }

    @Test
    void dropsLeadingUnitDimensionsAndDrawsLargeSignedMatrices() throws Exception {
        var pe = Nd4j.rand(DataType.DOUBLE, 1, 1, 60, 64).subi(0.5);
        Path png = dir.resolve("pe.png");
        Heatmap.of(pe).palette(Heatmap.Palette.DIVERGING).save(png);
        PngAssert.assertPng(png, 640, 520);
    }

    @Test
    void aConstantMatrixStillRenders() throws Exception {
        Path png = dir.resolve("constant.png");
        Heatmap.of(new double[][] {{0.25, 0.25}, {0.25, 0.25}}).size(300, 260).save(png);
        PngAssert.assertPng(png, 300, 260);
    }

    /** XChart indexed past its colours for a value a rounding error below the top of the scale. */
    @Test
    void valuesJustInsideTheEndsOfTheScaleRender() {
        double below = Math.nextDown(1.0);
        Heatmap.of(new double[][] {{below, 0}, {0, Math.nextUp(-1.0)}}).range(-1, 1).palette(Heatmap.Palette.DIVERGING)
                .size(300, 260).render();
        Heatmap.of(new double[][] {{below, 0.5}}).range(0, 1).size(300, 260).render();
    }

    @Test
    void errorsNameTheProblem() {
        var e = assertThrows(IllegalArgumentException.class, () -> Heatmap.of(Nd4j.zeros(2, 3, 4)));
        assertTrue(e.getMessage().contains("[2, 3, 4]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Heatmap.of(Nd4j.zeros(2, 3)).rowLabels(List.of("a", "b", "c")));
        assertTrue(e.getMessage().contains("3 labels") && e.getMessage().contains("2 rows"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Heatmap.of(new double[][] {{0, Double.NEGATIVE_INFINITY}}));
        assertTrue(e.getMessage().contains("[0, 1]") && e.getMessage().contains("mask == 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Heatmap.of(Nd4j.eye(2)).save(dir.resolve("x.jpg")));
        assertTrue(e.getMessage().contains(".png"), e.getMessage());
    }

    @Test
    void renderReturnsTheSameImageThatSaveWrites() {
        var h = Heatmap.of(Nd4j.eye(3));
        BufferedImage img = h.render();
        assertSame(BufferedImage.class, img.getClass());
        assertEquals(640, img.getWidth());
    }
}

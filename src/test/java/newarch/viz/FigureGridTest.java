package newarch.viz;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.factory.Nd4j;

class FigureGridTest {
    @TempDir
    Path dir;

    @Test
    void placesPanelsInRowsUnderATitle() throws Exception {
        List<BufferedImage> heads = new ArrayList<>();
        for (int h = 0; h < 4; h++) {
            heads.add(Heatmap.of(Nd4j.rand(4, 4)).title("head " + h).size(300, 260).render());
        }
        Path png = dir.resolve("heads.png");
        FigureGrid.of(heads).columns(2).title("four heads").save(png);
        // 2 columns and 2 rows of 300x260 panels with 8-pixel gaps, plus a 36-pixel title band.
        PngAssert.assertPng(png, 2 * 300 + 3 * 8, 36 + 2 * 260 + 3 * 8);
    }

    @Test
    void rejectsAnEmptyGridAndZeroColumns() {
        assertThrows(IllegalArgumentException.class, () -> FigureGrid.of(List.of()));
        var panel = new BufferedImage(60, 60, BufferedImage.TYPE_INT_RGB);
        assertThrows(IllegalArgumentException.class, () -> FigureGrid.of(panel).columns(0));
    }
}

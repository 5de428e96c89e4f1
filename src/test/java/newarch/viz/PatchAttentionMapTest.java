package newarch.viz;

import static newarch.tensor.ErrorAssert.assertBadInput;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import newarch.models.vit.ViTClassifier;
import newarch.models.vit.ViTConfig;
import newarch.tensor.GradMode;
import newarch.tensor.Rng;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** [CLS] attention over the patch grid: heads averaged, row-major patches, the model's own weights. */
class PatchAttentionMapTest {
    /** 8×8 grey images in 2×2 patches of 4×4 (grid 2×2, N = 4), width 8, 2 layers, 2 heads. */
    private static ViTConfig tiny() {
        return ViTConfig.of(8, 2, 2, 12, 8, 4, 1);
    }

    private static INDArray image(long seed) {
        return new Rng(seed).uniform(DataType.FLOAT, 0, 1, 1, 8, 8);   // [C, H, W]
    }

    @Test
    void mapIsTheHeadAveragedClsRowOnThePatchGrid() {
        ViTClassifier vit = new ViTClassifier(tiny(), 3, new Rng(1));
        INDArray img = image(2);
        List<INDArray> weights = vit.vit().attentionWeights(img.reshape(1, 1, 8, 8));
        assertEquals(2, weights.size());
        List<INDArray> maps = PatchAttentionMap.perLayer(vit, img);
        for (int l = 0; l < 2; l++) {
            INDArray w = weights.get(l);                                // [1, heads, N+1, N+1]
            assertArrayEquals(new long[] {1, 2, 5, 5}, w.shape());
            assertArrayEquals(new long[] {2, 2}, maps.get(l).shape());
            double clsSelf = (w.getDouble(0, 0, 0, 0) + w.getDouble(0, 1, 0, 0)) / 2;
            assertEquals(1 - clsSelf, maps.get(l).sumNumber().doubleValue(), 1e-5, "the map leaves out [CLS] itself");
            for (int r = 0; r < 2; r++) {
                for (int c = 0; c < 2; c++) {
                    int key = 1 + 2 * r + c;                            // patches row by row after [CLS]
                    double expected = (w.getDouble(0, 0, 0, key) + w.getDouble(0, 1, 0, key)) / 2;
                    assertEquals(expected, maps.get(l).getDouble(r, c), 1e-6, "layer " + l + " patch " + r + "," + c);
                }
            }
        }
        assertEquals(maps.get(1), PatchAttentionMap.lastLayer(vit, img));
        assertEquals(maps.get(0), PatchAttentionMap.of(vit, img.reshape(1, 1, 8, 8), 0));
    }

    @Test
    void zeroQueriesAndKeysAttendUniformly() {
        ViTClassifier vit = new ViTClassifier(tiny(), 3, new Rng(3));
        Map<String, INDArray> state = vit.stateDict();
        state.replaceAll((k, v) -> k.contains(".q_proj.") || k.contains(".k_proj.") ? Nd4j.zerosLike(v) : v);
        vit.loadStateDict(state, true);
        for (INDArray map : PatchAttentionMap.perLayer(vit, image(4))) {
            assertTrue(map.sub(1.0 / 5).amaxNumber().doubleValue() < 1e-6, "all scores equal: 1/(N+1) each");
        }
    }

    @Test
    void readingTheMapsDoesNotChangeTheModel() {
        ViTClassifier vit = new ViTClassifier(tiny(), 3, new Rng(5));
        INDArray batch = image(6).reshape(1, 1, 8, 8);
        INDArray before;
        try (GradMode ignored = GradMode.off()) {
            before = vit.classify(batch).data().dup();
        }
        PatchAttentionMap.perLayer(vit, batch);
        try (GradMode ignored = GradMode.off()) {
            assertEquals(before, vit.classify(batch).data());
        }
    }

    @Test
    void badImagesAndLayersAreOneLineErrors() {
        ViTClassifier vit = new ViTClassifier(tiny(), 3, new Rng(7));
        assertBadInput(() -> PatchAttentionMap.lastLayer(vit, Nd4j.zeros(DataType.FLOAT, 2, 1, 8, 8)),
                "[2,1,8,8]", "one image");
        assertBadInput(() -> PatchAttentionMap.lastLayer(vit, Nd4j.zeros(DataType.FLOAT, 1, 9, 9)), "[1,9,9]");
        assertBadInput(() -> PatchAttentionMap.of(vit, image(8), 2), "layer 2", "2 layers");
    }

    @Test
    void figureHasOneRowPerImage(@TempDir Path dir) throws Exception {
        ViTClassifier vit = new ViTClassifier(tiny(), 3, new Rng(9));
        INDArray images = Nd4j.concat(0, image(10).reshape(1, 1, 8, 8), image(11).reshape(1, 1, 8, 8));
        var png = dir.resolve("attention.png");
        var img = PatchAttentionMap.save(vit, images, List.of("a", "b"), "t", png);
        assertTrue(Files.size(png) > 0);
        assertTrue(img.getWidth() >= 3 * 280 && img.getHeight() >= 2 * 260, "two rows: image + 2 layer maps");
        assertBadInput(() -> PatchAttentionMap.figure(vit, images, List.of("a")), "with 1 labels");
    }
}

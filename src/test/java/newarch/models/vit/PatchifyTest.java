package newarch.models.vit;

import static newarch.tensor.ErrorAssert.assertBadInput;
import static newarch.tensor.GradAssert.assertGradients;
import static newarch.tensor.GradAssert.normal;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import newarch.tensor.Rng;
import newarch.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class PatchifyTest {
    @Test
    void patchesRunRowByRowEachFlattenedChannelRowColumn() {
        // 1 image, 2 channels, 4×6 pixels, value = 100·c + 10·y + x, patch 2 → 2×3 patches of 2·2·2 = 8 numbers.
        INDArray img = Nd4j.zeros(DataType.DOUBLE, 1, 2, 4, 6);
        for (int c = 0; c < 2; c++) {
            for (int y = 0; y < 4; y++) {
                for (int x = 0; x < 6; x++) {
                    img.putScalar(new long[] {0, c, y, x}, 100 * c + 10 * y + x);
                }
            }
        }
        INDArray p = Patchify.apply(Tensor.constant(img), 2).data();
        assertArrayEquals(new long[] {1, 6, 8}, p.shape());
        // Patch 4 is row 1, column 1: pixels y ∈ {2,3}, x ∈ {2,3}; channel 0 first, then channel 1.
        assertArrayEquals(new double[] {22, 23, 32, 33, 122, 123, 132, 133}, p.get(
                org.nd4j.linalg.indexing.NDArrayIndex.point(0), org.nd4j.linalg.indexing.NDArrayIndex.point(4),
                org.nd4j.linalg.indexing.NDArrayIndex.all()).toDoubleVector(), 0);
        assertEquals(img, Patchify.unpatchify(Tensor.constant(p), 2, 2, 2, 3).data());
    }

    @Test
    void patchifyThenMatmulIsTheStridedConvolution() {
        Rng rng = new Rng(5);
        INDArray img = rng.normal(DataType.DOUBLE, 0, 1, 2, 3, 4, 4);
        INDArray w = rng.normal(DataType.DOUBLE, 0, 1, 5, 3, 2, 2);                 // Conv2d weight [D, C, p, p]
        INDArray got = Patchify.apply(Tensor.constant(img), 2).data()
                .reshape(8, 12).mmul(w.reshape(5, 12).transpose()).reshape(2, 4, 5); // [B, N, D]
        for (int b = 0; b < 2; b++) {
            for (int py = 0; py < 2; py++) {
                for (int px = 0; px < 2; px++) {
                    for (int d = 0; d < 5; d++) {
                        double conv = 0;
                        for (int c = 0; c < 3; c++) {
                            for (int ky = 0; ky < 2; ky++) {
                                for (int kx = 0; kx < 2; kx++) {
                                    conv += w.getDouble(d, c, ky, kx) * img.getDouble(b, c, 2 * py + ky, 2 * px + kx);
                                }
                            }
                        }
                        assertEquals(conv, got.getDouble(b, py * 2 + px, d), 1e-12);
                    }
                }
            }
        }
    }

    @Test
    void gradientIsTheInverseRearrangement() {
        assertGradients(in -> Patchify.apply(in.get(0), 2), normal(new Rng(6), 2, 2, 4, 2));
        assertGradients(in -> Patchify.unpatchify(in.get(0), 2, 1, 1, 2), normal(new Rng(7), 2, 2, 4));
    }

    @Test
    void badShapesAreNamed() {
        assertBadInput(() -> Patchify.apply(normal(new Rng(8), 1, 3, 6, 6), 4), "patch size 4", "[1,3,6,6]");
        assertBadInput(() -> Patchify.apply(normal(new Rng(8), 3, 6, 6), 2), "[3,6,6]", "[batch, channels, height, width]");
        assertBadInput(() -> Patchify.apply(normal(new Rng(8), 1, 1, 4, 4), 0), "patch size 0");
        assertBadInput(() -> Patchify.unpatchify(normal(new Rng(8), 1, 3, 4), 2, 1, 2, 2), "[1,3,4]", "2×2 patches");
    }
}

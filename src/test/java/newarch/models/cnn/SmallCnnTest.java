package newarch.models.cnn;

import static newarch.tensor.ErrorAssert.assertBadInput;
import static newarch.tensor.GradAssert.assertGradients;
import static newarch.tensor.GradAssert.assertModuleGradients;
import static newarch.tensor.GradAssert.normal;
import static newarch.tensor.GradAssert.randomized;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import newarch.tensor.Rng;
import newarch.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** im2col convolution against the definition, 2×2 pooling by hand, gradient checks, the CNN's shapes and errors. */
class SmallCnnTest {

    @ParameterizedTest(name = "padding {0}")
    @ValueSource(ints = {0, 1})
    void convolutionIsTheSumOverChannelsAndWindowOfTheDefinition(int padding) {
        Conv2d conv = randomized(new Conv2d(2, 3, 3, padding, new Rng(1)), new Rng(2), 0.5);
        INDArray x = new Rng(3).normal(DataType.DOUBLE, 0, 1, 2, 2, 5, 4);
        INDArray got = conv.forward(Tensor.constant(x)).data();
        int outH = 5 + 2 * padding - 2;
        int outW = 4 + 2 * padding - 2;
        assertArrayEquals(new long[] {2, 3, outH, outW}, got.shape());
        INDArray w = conv.stateDict().get("weight");
        INDArray b = conv.stateDict().get("bias");
        // out[n, o, y, x] = b[o] + Σ_c Σ_i Σ_j w[o, c, i, j] · in[n, c, y + i − p, x + j − p] (zero outside).
        for (int n = 0; n < 2; n++) {
            for (int o = 0; o < 3; o++) {
                for (int y = 0; y < outH; y++) {
                    for (int xx = 0; xx < outW; xx++) {
                        double s = b.getDouble(o);
                        for (int c = 0; c < 2; c++) {
                            for (int i = 0; i < 3; i++) {
                                for (int j = 0; j < 3; j++) {
                                    int r = y + i - padding;
                                    int q = xx + j - padding;
                                    if (r >= 0 && r < 5 && q >= 0 && q < 4) {
                                        s += w.getDouble(o, c, i, j) * x.getDouble(n, c, r, q);
                                    }
                                }
                            }
                        }
                        assertEquals(s, got.getDouble(n, o, y, xx), 1e-12);
                    }
                }
            }
        }
    }

    @Test
    void poolingByHand() {
        INDArray x = Nd4j.createFromArray(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16})
                .reshape(1, 1, 4, 4);
        INDArray avg = Pooling.average2x2(Tensor.constant(x)).data();
        INDArray max = Pooling.max2x2(Tensor.constant(x)).data();
        assertArrayEquals(new double[] {3.5, 5.5, 11.5, 13.5}, avg.reshape(4).toDoubleVector(), 0);
        assertArrayEquals(new double[] {6, 8, 14, 16}, max.reshape(4).toDoubleVector(), 0);
    }

    @ParameterizedTest(name = "padding {0}")
    @ValueSource(ints = {0, 1})
    void gradientsOfTheConvolution(int padding) {
        Conv2d conv = randomized(new Conv2d(2, 2, 3, padding, new Rng(4)), new Rng(5), 0.5);
        assertModuleGradients(conv, in -> conv.forward(in.get(0)), normal(new Rng(6), 1, 2, 4, 4));
    }

    @Test
    void gradientsOfIm2Col() {
        assertGradients(in -> Im2Col.unfold(in.get(0), 2, 1), normal(new Rng(7), 1, 2, 3, 3));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Pooling.Kind.class)
    void gradientsOfPooling(Pooling.Kind kind) {
        assertGradients(in -> Pooling.apply(kind, in.get(0)), normal(new Rng(8), 2, 2, 4, 6));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Pooling.Kind.class)
    void gradientsOfTheWholeCnn(Pooling.Kind kind) {
        SmallCnn m = randomized(new SmallCnn(new SmallCnnConfig(4, 1, 2, 2, 3, kind, 3), new Rng(9)), new Rng(10), 0.5);
        Tensor x = normal(new Rng(11), 2, 1, 4, 4);
        assertArrayEquals(new long[] {2, 3}, m.forward(x).shape());
        assertEquals(List.of("conv1.weight", "conv1.bias", "conv2.weight", "conv2.bias", "fc.weight", "fc.bias"),
                List.copyOf(m.namedParameters().keySet()));
        assertModuleGradients(m, in -> m.forward(in.get(0)), x);
    }

    @Test
    void smallConfigurationOnDigits() {
        SmallCnn m = new SmallCnn(SmallCnnConfig.small(), new Rng(12));
        // conv1 1·9·8+8, conv2 8·9·16+16, fc 16·7·7·10+10
        assertEquals(80 + 1168 + 7850, m.parameterCount());
        assertArrayEquals(new long[] {2, 10}, m.forward(Nd4j.zeros(DataType.FLOAT, 2, 1, 28, 28)).shape());
    }

    @Test
    void badInput() {
        assertBadInput(() -> new SmallCnnConfig(30, 1, 2, 2, 3, Pooling.Kind.MAX, 3), "image size 30");
        assertBadInput(() -> new SmallCnnConfig(28, 1, 2, 2, 4, Pooling.Kind.MAX, 3), "kernel 4");
        assertBadInput(() -> new Conv2d(1, 2, 3, -1, new Rng(13)), "padding -1");
        Conv2d conv = new Conv2d(2, 2, 3, 1, new Rng(14));
        assertBadInput(() -> conv.forward(Tensor.constant(Nd4j.zeros(DataType.FLOAT, 1, 3, 4, 4))),
                "[1,3,4,4]", "[batch, 2, height, width]");
        assertBadInput(() -> Pooling.max2x2(Tensor.constant(Nd4j.zeros(DataType.FLOAT, 1, 1, 3, 4))),
                "max pooling", "[1,1,3,4]", "even");
        assertBadInput(() -> Im2Col.unfold(Tensor.constant(Nd4j.zeros(DataType.FLOAT, 1, 1, 2, 2)), 3, 0),
                "[1,1,2,2]", "does not fit");
        SmallCnn m = new SmallCnn(SmallCnnConfig.small(), new Rng(15));
        assertBadInput(() -> m.forward(Nd4j.zeros(DataType.FLOAT, 1, 1, 32, 32)), "[1,1,32,32]", "[batch, 1, 28, 28]");
    }
}

package newarch.models.mixer;

import static newarch.tensor.ErrorAssert.assertBadInput;
import static newarch.tensor.GradAssert.assertModuleGradients;
import static newarch.tensor.GradAssert.normal;
import static newarch.tensor.GradAssert.randomized;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import newarch.tensor.GradMode;
import newarch.tensor.Rng;
import newarch.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** MLP-Mixer: token mixing is an MLP across patches, timm's names and sizes, gradients of every module, bad input. */
class MixerTest {
    /** 4×4 images of 2 channels, 2×2 patches → 4 patches; C 3, D_S 2, D_C 5, 1 layer, 3 classes. */
    private static MixerConfig tiny(int layers) {
        return new MixerConfig(4, 2, 2, 3, 2, 5, layers, 3, 1e-6);
    }

    @Test
    void tokenMixingIsTheSameMlpOnEveryChannelsColumnOfPatchValues() {
        TokenMixing m = randomized(new TokenMixing(4, 3, new Rng(1)), new Rng(2), 0.5);
        Tensor x = normal(new Rng(3), 2, 4, 5); // [B, S, C]
        INDArray got = m.forward(x).data();
        assertArrayEquals(new long[] {2, 4, 5}, got.shape());
        // By hand: for batch b and channel c the column x[b, :, c] (S values) goes through fc1, GELU, fc2.
        var state = m.stateDict();
        INDArray w1 = state.get("fc1.weight");
        INDArray b1 = state.get("fc1.bias");
        INDArray w2 = state.get("fc2.weight");
        INDArray b2 = state.get("fc2.bias");
        try (GradMode ignored = GradMode.off()) {
            for (int b = 0; b < 2; b++) {
                for (int c = 0; c < 5; c++) {
                    INDArray column = x.data().get(NDArrayIndex.point(b), NDArrayIndex.all(), NDArrayIndex.point(c))
                            .dup().reshape(4, 1);
                    INDArray hidden = Tensor.constant(w1.mmul(column).addi(b1.reshape(3, 1))).gelu().data();
                    INDArray want = w2.mmul(hidden).addi(b2.reshape(4, 1));
                    for (int s = 0; s < 4; s++) {
                        assertEquals(want.getDouble(s, 0), got.getDouble(b, s, c), 1e-12);
                    }
                }
            }
        }
    }

    @Test
    void timmParameterNamesAndShapes() {
        MixerModel m = new MixerModel(tiny(2), new Rng(4));
        var state = m.stateDict();
        assertEquals(List.of("stem.proj.weight", "stem.proj.bias",
                "blocks.0.norm1.weight", "blocks.0.norm1.bias",
                "blocks.0.mlp_tokens.fc1.weight", "blocks.0.mlp_tokens.fc1.bias",
                "blocks.0.mlp_tokens.fc2.weight", "blocks.0.mlp_tokens.fc2.bias",
                "blocks.0.norm2.weight", "blocks.0.norm2.bias",
                "blocks.0.mlp_channels.fc1.weight", "blocks.0.mlp_channels.fc1.bias",
                "blocks.0.mlp_channels.fc2.weight", "blocks.0.mlp_channels.fc2.bias"),
                List.copyOf(state.keySet()).subList(0, 14));
        assertTrue(state.containsKey("blocks.1.mlp_channels.fc2.bias"));
        assertTrue(state.containsKey("norm.weight") && state.containsKey("head.bias"));
        assertArrayEquals(new long[] {3, 2, 2, 2}, state.get("stem.proj.weight").shape());   // Conv2d [C, in, P, P]
        assertArrayEquals(new long[] {2, 4}, state.get("blocks.0.mlp_tokens.fc1.weight").shape()); // [D_S, S]
        assertArrayEquals(new long[] {5, 3}, state.get("blocks.0.mlp_channels.fc1.weight").shape()); // [D_C, C]
    }

    /** timm's mixer_b16_224 has 59,880,472 parameters (S 196, C 768, D_S 384, D_C 3072, 12 layers, 1000 classes). */
    @Test
    void mixerB16ParameterCountIsTimms() {
        MixerConfig c = MixerConfig.base16();
        long stem = 768L * 3 * 16 * 16 + 768;
        long block = 2 * 2 * 768 + (196L * 384 + 384 + 384L * 196 + 196) + (768L * 3072 + 3072 + 3072L * 768 + 768);
        long expected = stem + 12 * block + 2 * 768 + 768L * 1000 + 1000;
        assertEquals(59_880_472L, expected);
        // Counted on a 1-layer copy to keep the test light, then scaled by the layers.
        MixerModel one = new MixerModel(new MixerConfig(224, 16, 3, 768, 384, 3072, 1, 1000, 1e-6), new Rng(5));
        assertEquals(expected - 11 * block, one.parameterCount());
        assertEquals(196, c.numPatches());
    }

    @Test
    void gradientsOfTokenMixing() {
        TokenMixing m = randomized(new TokenMixing(4, 2, new Rng(6)), new Rng(7), 0.5);
        assertModuleGradients(m, in -> m.forward(in.get(0)), normal(new Rng(8), 2, 4, 3));
    }

    @Test
    void gradientsOfOneBlock() {
        MixerBlock m = randomized(new MixerBlock(tiny(1), new Rng(9)), new Rng(10), 0.5);
        Tensor x = normal(new Rng(11), 2, 4, 3);
        assertArrayEquals(new long[] {2, 4, 3}, m.forward(x).shape());
        assertModuleGradients(m, in -> m.forward(in.get(0)), x);
    }

    @Test
    void gradientsOfTheWholeClassifier() {
        MixerModel m = randomized(new MixerModel(tiny(1), new Rng(12)), new Rng(13), 0.5);
        Tensor x = normal(new Rng(14), 2, 2, 4, 4);
        assertArrayEquals(new long[] {2, 3}, m.forward(x).shape());
        assertModuleGradients(m, in -> m.forward(in.get(0)), x);
    }

    @Test
    void badInput() {
        assertBadInput(() -> new MixerConfig(30, 4, 1, 8, 4, 16, 1, 10, 1e-6), "image size 30", "patch size 4");
        assertBadInput(() -> new MixerConfig(28, 4, 1, 0, 4, 16, 1, 10, 1e-6), "hidden 0");
        MixerModel m = new MixerModel(tiny(1), new Rng(15));
        assertBadInput(() -> m.forward(Nd4jHelper.zeros(1, 2, 6, 6)), "[1,2,6,6]", "[batch, 2, 4, 4]");
        assertBadInput(() -> m.forward(Nd4jHelper.zeros(1, 3, 4, 4)), "[1,3,4,4]");
        TokenMixing t = new TokenMixing(4, 2, new Rng(16));
        assertBadInput(() -> t.forward(Tensor.constant(Nd4jHelper.zeros(1, 5, 3))), "[1,5,3]", "4 patches");
    }

    private static final class Nd4jHelper {
        static INDArray zeros(long... shape) {
            return org.nd4j.linalg.factory.Nd4j.zeros(DataType.FLOAT, shape);
        }
    }
}

package newarch.models.vit;

import static newarch.tensor.GradAssert.assertModuleGradients;
import static newarch.tensor.GradAssert.normal;
import static newarch.tensor.GradAssert.randomized;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import newarch.tensor.GradAssert;
import newarch.tensor.Rng;
import newarch.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Finite-difference checks in double precision of every ViT module, with tiny shapes. */
class ViTGradTest {
    /** 4×4 images of 2 channels, 2×2 patches → 4 patches + [CLS]; width 4, 2 heads, MLP 6. */
    private static ViTConfig tiny(String act, boolean qkvBias, boolean pooler) {
        return new ViTConfig(4, 1, 2, 6, act, 1e-6, 4, 2, 2, qkvBias, pooler, 3, "tanh");
    }

    @Test
    void patchEmbeddings() {
        PatchEmbeddings m = randomized(new PatchEmbeddings(2, 2, 3, new Rng(1)), new Rng(2), 0.5);
        Tensor x = normal(new Rng(3), 1, 2, 4, 4);
        assertArrayEquals(new long[] {1, 4, 3}, m.forward(x).shape());
        assertModuleGradients(m, in -> m.forward(in.get(0)), x);
    }

    @Test
    void embeddingsWithClassTokenAndPositions() {
        ViTEmbeddings m = randomized(new ViTEmbeddings(tiny("gelu", true, false), new Rng(4)), new Rng(5), 0.5);
        Tensor x = normal(new Rng(6), 2, 2, 4, 4);
        assertArrayEquals(new long[] {2, 5, 4}, m.forward(x).shape());
        assertModuleGradients(m, in -> m.forward(in.get(0)), x);
    }

    @ParameterizedTest(name = "qkv_bias {0}")
    @ValueSource(booleans = {true, false})
    void selfAttention(boolean qkvBias) {
        ViTSelfAttention m = randomized(new ViTSelfAttention(tiny("gelu", qkvBias, false), new Rng(7)), new Rng(8), 0.5);
        Tensor x = normal(new Rng(9), 2, 3, 4);
        assertModuleGradients(m, in -> m.forward(in.get(0)), x);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"gelu", "gelu_new", "quick_gelu", "silu", "relu", "linear"})
    void layer(String act) {
        ViTLayer m = randomized(new ViTLayer(tiny(act, true, false), new Rng(10)), new Rng(11), 0.5);
        Tensor x = "relu".equals(act) ? GradAssert.awayFromZero(new Rng(12), 1, 3, 4) : normal(new Rng(12), 1, 3, 4);
        assertModuleGradients(m, in -> m.forward(in.get(0)), x);
    }

    @Test
    void wholeModelThroughThePooler() {
        ViTModel m = randomized(new ViTModel(tiny("gelu", true, true), new Rng(13)), new Rng(14), 0.5);
        Tensor x = normal(new Rng(15), 1, 2, 4, 4);
        ViTOutput out = m.forward(x);
        assertArrayEquals(new long[] {1, 5, 4}, out.lastHiddenState().shape());
        assertArrayEquals(new long[] {1, 3}, out.poolerOutput().shape());
        // Both outputs in one scalar function, so every parameter (pooler included) gets a gradient.
        assertModuleGradients(m, in -> {
            ViTOutput o = m.forward(in.get(0));
            return o.lastHiddenState().sumAll().add(o.poolerOutput().sumAll());
        }, x);
    }
}

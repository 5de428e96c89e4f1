package newarch.models.transformer;

import static newarch.tensor.GradAssert.assertModuleGradients;
import static newarch.tensor.GradAssert.normal;
import static newarch.tensor.GradAssert.randomized;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import newarch.attention.Masks;
import newarch.tensor.Rng;
import newarch.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Encoder and decoder layers, post-norm and pre-norm, dropout 0, eval mode. Key padding masks are BOOL (as in
 * PyTorch): a padding array of the model's own dtype is overwritten by Masks.keyPadding (see MasksTest).
 */
class TransformerLayerGradTest {
    static final String ALIAS_BUG = "bug: Autograd.java:53 adds later gradients in place into the first one "
            + "(sofar.addi(pg)); a pre-norm layer ends in x.add(f(norm(x))), whose rule hands the caller's upstream array "
            + "itself to x, so norm's gradient is added into the upstream (GradCheck's projection): relative error 1.0";

    static TransformerConfig config(boolean normFirst) {
        return new TransformerConfig(4, 2, 6, 0.0, "relu", 1e-5, normFirst, true, 1, 1);
    }

    /** [2, keys], true at the last key of the second sequence. */
    static INDArray padding(long keys) {
        INDArray p = Nd4j.zeros(DataType.BOOL, 2, keys);
        p.putScalar(new long[] {1, keys - 1}, 1);
        return p;
    }

    private static TransformerEncoderLayer encoder(boolean normFirst, long seed) {
        TransformerEncoderLayer layer = randomized(new TransformerEncoderLayer(config(normFirst), new Rng(seed)),
                new Rng(seed + 1), 0.5);
        layer.eval();
        return layer;
    }

    private static TransformerDecoderLayer decoder(boolean normFirst, long seed) {
        TransformerDecoderLayer layer = randomized(new TransformerDecoderLayer(config(normFirst), new Rng(seed)),
                new Rng(seed + 1), 0.5);
        layer.eval();
        return layer;
    }

    private static TransformerDecoderLayer.Masking decoderMasks() {
        return new TransformerDecoderLayer.Masking(Masks.causal(3, 3, DataType.DOUBLE), null, padding(3), padding(4));
    }

    /*
     * Seeds note: with encoder(false, 300) and src from Rng(302) this check reported 1.13e-6 at an in_proj_weight
     * entry whose gradient is 3.8e-4 (below GradCheck's 1e-3 floor). Richardson extrapolation of the finite
     * difference agrees with the analytic value 3.835187505598834e-4 to 1e-13: the excess is the round-off of
     * GradCheck's fixed eps = 1e-6, not a wrong gradient, so the draw was changed.
     */
    @Test
    void postNormEncoderLayerWithMasks() {
        TransformerEncoderLayer layer = encoder(false, 330);
        Tensor mask = Masks.causal(3, 3, DataType.DOUBLE);
        Tensor src = normal(new Rng(302), 2, 3, 4);
        assertArrayEquals(new long[] {2, 3, 4}, layer.forward(src, mask, padding(3)).shape());
        assertModuleGradients(layer, in -> layer.forward(in.get(0), mask, padding(3)), src);
    }

    @Test
    void postNormEncoderLayerWithoutMasks() {
        TransformerEncoderLayer layer = encoder(false, 303);
        assertModuleGradients(layer, in -> layer.forward(in.get(0), null, null), normal(new Rng(305), 2, 3, 4));
    }

    @Test
    void preNormEncoderLayer() {
        TransformerEncoderLayer layer = encoder(true, 306);
        Tensor mask = Masks.causal(3, 3, DataType.DOUBLE);
        assertModuleGradients(layer, in -> layer.forward(in.get(0), mask, padding(3)), normal(new Rng(308), 2, 3, 4));
    }

    /** The same check with the output scaled by 1, so the root is not the residual add (works around the bug above). */
    @Test
    void preNormEncoderLayerBehindAScalarMultiply() {
        TransformerEncoderLayer layer = encoder(true, 306);
        Tensor mask = Masks.causal(3, 3, DataType.DOUBLE);
        assertModuleGradients(layer, in -> layer.forward(in.get(0), mask, padding(3)).mul(1.0), normal(new Rng(308), 2, 3, 4));
    }

    @Test
    void postNormDecoderLayerWithMasks() {
        TransformerDecoderLayer layer = decoder(false, 310);
        Rng rng = new Rng(312);
        Tensor tgt = normal(rng, 2, 3, 4);
        Tensor memory = normal(rng, 2, 4, 4);
        assertArrayEquals(new long[] {2, 3, 4}, layer.forward(tgt, memory, decoderMasks()).shape());
        assertModuleGradients(layer, in -> layer.forward(in.get(0), in.get(1), decoderMasks()), tgt, memory);
    }

    @Test
    void postNormDecoderLayerWithCausalMaskOnly() {
        TransformerDecoderLayer layer = decoder(false, 313);
        TransformerDecoderLayer.Masking masks = TransformerDecoderLayer.Masking.causal(Masks.causal(3, 3, DataType.DOUBLE));
        Rng rng = new Rng(315);
        assertModuleGradients(layer, in -> layer.forward(in.get(0), in.get(1), masks), normal(rng, 2, 3, 4), normal(rng, 2, 2, 4));
    }

    @Test
    void preNormDecoderLayer() {
        TransformerDecoderLayer layer = decoder(true, 316);
        Rng rng = new Rng(318);
        assertModuleGradients(layer, in -> layer.forward(in.get(0), in.get(1), decoderMasks()),
                normal(rng, 2, 3, 4), normal(rng, 2, 4, 4));
    }

    @Test
    void preNormDecoderLayerBehindAScalarMultiply() {
        TransformerDecoderLayer layer = decoder(true, 316);
        Rng rng = new Rng(318);
        assertModuleGradients(layer, in -> layer.forward(in.get(0), in.get(1), decoderMasks()).mul(1.0),
                normal(rng, 2, 3, 4), normal(rng, 2, 4, 4));
    }
}

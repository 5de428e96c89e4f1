package newarch.models.transformer;

import static newarch.tensor.GradAssert.assertModuleGradients;
import static newarch.tensor.GradAssert.normal;
import static newarch.tensor.GradAssert.randomized;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import newarch.attention.Masks;
import newarch.tensor.GradMode;
import newarch.tensor.Rng;
import newarch.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.BooleanIndexing;
import org.nd4j.linalg.indexing.conditions.Conditions;

/** The full encoder–decoder with final norms: gradients for source, target and every parameter. */
class TransformerGradTest {

    private static Transformer transformer(boolean normFirst) {
        Transformer t = randomized(new Transformer(TransformerLayerGradTest.config(normFirst), new Rng(320)), new Rng(321), 0.5);
        t.eval();
        return t;
    }

    /**
     * Post-norm, as torch.nn.Transformer's default (the pre-norm sublayers are covered by TransformerLayerGradTest).
     * Kept small: every parameter is perturbed twice and the machine may be shared.
     */
    @Test
    void fullTransformer() {
        Transformer t = transformer(false);
        INDArray srcPadding = TransformerLayerGradTest.padding(3);
        TransformerDecoderLayer.Masking masks = new TransformerDecoderLayer.Masking(
                Masks.causal(2, 2, DataType.DOUBLE), null, null, srcPadding);
        Rng rng = new Rng(322);
        Tensor src = normal(rng, 2, 3, 4);
        Tensor tgt = normal(rng, 2, 2, 4);
        assertArrayEquals(new long[] {2, 2, 4}, t.forward(src, tgt, null, srcPadding, masks).shape());
        assertModuleGradients(t, in -> t.forward(in.get(0), in.get(1), null, srcPadding, masks), src, tgt);
    }

    @Test
    void keyPaddingOfTheModelDtypeGivesAFiniteOutput() {
        Transformer t = transformer(false);
        INDArray srcPadding = Nd4j.createFromArray(new double[][] {{0, 0, 0, 0}, {0, 0, 0, 1}});
        TransformerDecoderLayer.Masking masks = new TransformerDecoderLayer.Masking(null, null, null, srcPadding);
        Rng rng = new Rng(323);
        try (GradMode ignored = GradMode.off()) {
            INDArray out = t.forward(Tensor.constant(rng.normal(DataType.DOUBLE, 0, 1, 2, 4, 4)),
                    Tensor.constant(rng.normal(DataType.DOUBLE, 0, 1, 2, 3, 4)), null, srcPadding, masks).data();
            assertFalse(BooleanIndexing.or(out, Conditions.isNan()), "output has NaN: " + out);
        }
    }
}

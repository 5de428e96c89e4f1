package newarch.models.transformer;

import static newarch.tensor.GradAssert.assertModuleGradients;
import static newarch.tensor.GradAssert.normal;
import static newarch.tensor.GradAssert.randomized;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import newarch.attention.Masks;
import newarch.tensor.Rng;
import newarch.tensor.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Encoder and decoder layers, post-norm and pre-norm, dropout 0, eval mode, masks on. */
class TransformerLayerGradTest {

    static TransformerConfig config(boolean normFirst) {
        return new TransformerConfig(4, 2, 6, 0.0, "relu", 1e-5, normFirst, true, 1, 1);
    }

    private static INDArray padding(long keys) {
        INDArray p = Nd4j.zeros(DataType.DOUBLE, 2, keys);
        p.putScalar(new long[] {1, keys - 1}, 1);
        return p;
    }

    @ParameterizedTest(name = "normFirst={0}")
    @ValueSource(booleans = {false, true})
    void encoderLayer(boolean normFirst) {
        TransformerEncoderLayer layer = randomized(new TransformerEncoderLayer(config(normFirst), new Rng(300)), new Rng(301), 0.5);
        layer.eval();
        Tensor mask = Masks.causal(3, 3, DataType.DOUBLE);
        Tensor src = normal(new Rng(302), 2, 3, 4);
        assertArrayEquals(new long[] {2, 3, 4}, layer.forward(src, mask, padding(3)).shape());
        assertModuleGradients(layer, in -> layer.forward(in.get(0), mask, padding(3)), src);
    }

    @ParameterizedTest(name = "normFirst={0}")
    @ValueSource(booleans = {false, true})
    void encoderLayerWithoutMasks(boolean normFirst) {
        TransformerEncoderLayer layer = randomized(new TransformerEncoderLayer(config(normFirst), new Rng(303)), new Rng(304), 0.5);
        layer.eval();
        assertModuleGradients(layer, in -> layer.forward(in.get(0), null, null), normal(new Rng(305), 2, 3, 4));
    }

    @ParameterizedTest(name = "normFirst={0}")
    @ValueSource(booleans = {false, true})
    void decoderLayer(boolean normFirst) {
        TransformerDecoderLayer layer = randomized(new TransformerDecoderLayer(config(normFirst), new Rng(306)), new Rng(307), 0.5);
        layer.eval();
        TransformerDecoderLayer.Masking masks = new TransformerDecoderLayer.Masking(
                Masks.causal(3, 3, DataType.DOUBLE), null, padding(3), padding(4));
        Rng rng = new Rng(308);
        Tensor tgt = normal(rng, 2, 3, 4);
        Tensor memory = normal(rng, 2, 4, 4);
        assertArrayEquals(new long[] {2, 3, 4}, layer.forward(tgt, memory, masks).shape());
        assertModuleGradients(layer, in -> layer.forward(in.get(0), in.get(1), masks), tgt, memory);
    }

    @ParameterizedTest(name = "normFirst={0}")
    @ValueSource(booleans = {false, true})
    void decoderLayerWithCausalMaskOnly(boolean normFirst) {
        TransformerDecoderLayer layer = randomized(new TransformerDecoderLayer(config(normFirst), new Rng(309)), new Rng(310), 0.5);
        layer.eval();
        TransformerDecoderLayer.Masking masks = TransformerDecoderLayer.Masking.causal(Masks.causal(3, 3, DataType.DOUBLE));
        Rng rng = new Rng(311);
        assertModuleGradients(layer, in -> layer.forward(in.get(0), in.get(1), masks), normal(rng, 2, 3, 4), normal(rng, 2, 2, 4));
    }
}

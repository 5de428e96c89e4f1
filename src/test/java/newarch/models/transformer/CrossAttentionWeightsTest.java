package newarch.models.transformer;

import static newarch.tensor.GradAssert.normal;
import static newarch.tensor.GradAssert.randomized;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import newarch.attention.Masks;
import newarch.tensor.Rng;
import newarch.tensor.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** {@link TransformerDecoderLayer#crossAttentionWeights}: what each target position reads from the memory. */
class CrossAttentionWeightsTest {
    private static TransformerDecoderLayer layer(boolean normFirst) {
        TransformerDecoderLayer layer = randomized(new TransformerDecoderLayer(TransformerLayerGradTest.config(normFirst),
                new Rng(40)), new Rng(41), 0.5);
        layer.eval();
        return layer;
    }

    private static TransformerDecoderLayer.Masking masks() {
        return new TransformerDecoderLayer.Masking(Masks.causal(3, 3, DataType.DOUBLE), null, null,
                TransformerLayerGradTest.padding(4));
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void perHeadDistributionsOverTheUnpaddedMemory(boolean normFirst) {
        Tensor tgt = normal(new Rng(42), 2, 3, 4);
        Tensor memory = normal(new Rng(43), 2, 4, 4);
        INDArray w = layer(normFirst).crossAttentionWeights(tgt, memory, masks()).data();   // [B, h, T, S]
        assertArrayEquals(new long[] {2, 2, 3, 4}, w.shape());
        INDArray rowSums = w.sum(3);
        assertEquals(0, rowSums.sub(1).amaxNumber().doubleValue(), 1e-12);
        // padding(4) marks the last memory position of the second sequence.
        assertEquals(0, w.get(NDArrayIndex.point(1), NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(3))
                .amaxNumber().doubleValue());
        assertTrue(w.get(NDArrayIndex.point(0), NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(3))
                .minNumber().doubleValue() > 0);
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void identicalMemoryPositionsShareTheWeightEqually(boolean normFirst) {
        Tensor tgt = normal(new Rng(44), 2, 3, 4);
        INDArray row = new Rng(45).normal(DataType.DOUBLE, 0, 1, 2, 1, 4);
        Tensor memory = Tensor.constant(row.repeat(1, 4));                                   // every key the same
        INDArray w = layer(normFirst).crossAttentionWeights(tgt, memory, masks()).data();
        INDArray first = w.get(NDArrayIndex.point(0));
        assertEquals(0, first.sub(0.25).amaxNumber().doubleValue(), 1e-12);
        INDArray second = w.get(NDArrayIndex.point(1), NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(0, 3));
        assertEquals(0, second.sub(1.0 / 3).amaxNumber().doubleValue(), 1e-12);
    }

    /** The queries come out of the causal self-attention sublayer, so a later target cannot move an earlier row. */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void laterTargetsDoNotChangeEarlierRows(boolean normFirst) {
        TransformerDecoderLayer layer = layer(normFirst);
        Tensor memory = normal(new Rng(46), 2, 4, 4);
        INDArray tgt = new Rng(47).normal(DataType.DOUBLE, 0, 1, 2, 3, 4);
        INDArray changed = tgt.dup();
        changed.get(NDArrayIndex.all(), NDArrayIndex.point(2), NDArrayIndex.all()).assign(new Rng(48).normal(DataType.DOUBLE, 0, 1, 2, 4));
        INDArray a = layer.crossAttentionWeights(Tensor.constant(tgt), memory, masks()).data();
        INDArray b = layer.crossAttentionWeights(Tensor.constant(changed), memory, masks()).data();
        assertEquals(0, a.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(0, 2), NDArrayIndex.all())
                .sub(b.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(0, 2), NDArrayIndex.all()))
                .amaxNumber().doubleValue());
        assertTrue(a.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(2), NDArrayIndex.all())
                .sub(b.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(2), NDArrayIndex.all()))
                .amaxNumber().doubleValue() > 1e-6);
    }
}

package newarch.models.transformer;

import static newarch.tensor.ErrorAssert.assertBadInput;
import static newarch.tensor.GradAssert.assertGradients;
import static newarch.tensor.GradAssert.randomized;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import newarch.models.SequenceToSequence;
import newarch.tensor.GradMode;
import newarch.tensor.Rng;
import newarch.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/** The whole encoder–decoder model: names, tying, masks (causal, source padding), repeatRows, gradients. */
class TransformerSeq2SeqTest {
    private static TransformerSeq2SeqConfig micro(boolean tied) {
        return new TransformerSeq2SeqConfig(new TransformerConfig(8, 2, 16, 0.0, "relu", 1e-5, false, true, 1, 1), 16,
                tied);
    }

    private static TransformerSeq2Seq model(boolean tied) {
        TransformerSeq2Seq m = new TransformerSeq2Seq(micro(tied), 7, 9, new Rng(5));
        m.eval();
        return m;
    }

    private static final INDArray SRC = Nd4j.createFromArray(new long[][] {{4, 5, 6}, {6, 4, 0}});
    private static final INDArray TGT = Nd4j.createFromArray(new long[][] {{1, 8, 7, 5}, {1, 4, 0, 0}});

    @Test
    void pytorchStyleNamesAndTiedGenerator() {
        Map<String, INDArray> tied = model(true).stateDict();
        assertTrue(tied.containsKey("src_embed.weight") && tied.containsKey("tgt_embed.weight"), tied.keySet().toString());
        assertTrue(tied.containsKey("transformer.encoder.layers.0.self_attn.in_proj_weight"));
        assertTrue(tied.containsKey("transformer.decoder.layers.0.multihead_attn.out_proj.weight"));
        assertTrue(tied.containsKey("transformer.decoder.norm.bias"));
        assertTrue(tied.containsKey("generator.bias"));
        assertFalse(tied.containsKey("generator.weight"), "a tied generator has no weight of its own");
        Map<String, INDArray> untied = model(false).stateDict();
        assertArrayEquals(new long[] {9, 8}, untied.get("generator.weight").shape());
        assertEquals(model(false).parameterCount() - 9 * 8, model(true).parameterCount());
        assertArrayEquals(new long[] {7, 8}, tied.get("src_embed.weight").shape());
    }

    @Test
    void named() {
        TransformerSeq2SeqConfig base = TransformerSeq2SeqConfig.named("transformer-base");
        assertEquals(512, base.dModel());
        assertEquals(8, base.transformer().nhead());
        assertEquals(2048, base.transformer().dimFeedforward());
        assertEquals(6, base.transformer().numEncoderLayers());
        assertEquals(6, base.transformer().numDecoderLayers());
        TransformerSeq2SeqConfig tiny = TransformerSeq2SeqConfig.named("transformer-tiny");
        assertEquals(64, tiny.dModel());
        assertBadInput(() -> TransformerSeq2SeqConfig.named("transformer-huge"), "unknown Transformer configuration");
    }

    @Test
    void logitsAreCausalOverTheTarget() {
        TransformerSeq2Seq m = model(true);
        try (GradMode ignored = GradMode.off()) {
            INDArray a = m.forward(SRC, TGT).logits().data();
            assertArrayEquals(new long[] {2, 4, 9}, a.shape());
            INDArray changed = TGT.dup();
            changed.putScalar(0, 3, 6);                                     // alter the last target token only
            INDArray b = m.forward(SRC, changed).logits().data();
            INDArray firstThree = a.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 3), NDArrayIndex.all());
            assertEquals(firstThree, b.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 3), NDArrayIndex.all()));
            assertFalse(a.get(NDArrayIndex.point(0), NDArrayIndex.point(3), NDArrayIndex.all())
                    .equalsWithEps(b.get(NDArrayIndex.point(0), NDArrayIndex.point(3), NDArrayIndex.all()), 1e-6));
        }
    }

    @Test
    void sourcePaddingIsInvisible() {
        TransformerSeq2Seq m = model(true);
        try (GradMode ignored = GradMode.off()) {
            INDArray row = m.forward(Nd4j.createFromArray(new long[][] {{6, 4}}), TGT.getRow(1, true)).logits().data();
            INDArray padded = m.forward(Nd4j.createFromArray(new long[][] {{6, 4, 0, 0, 0}}), TGT.getRow(1, true))
                    .logits().data();
            assertTrue(Transforms.abs(row.sub(padded)).maxNumber().doubleValue() < 1e-5, row + " vs " + padded);
        }
    }

    @Test
    void repeatedRowsDecodeLikeRepeatedSources() {
        TransformerSeq2Seq m = model(true);
        try (GradMode ignored = GradMode.off()) {
            SequenceToSequence.Encoded repeated = m.encode(SRC).repeatRows(3);
            INDArray rows = Nd4j.createFromArray(new long[][] {{4, 5, 6}, {4, 5, 6}, {4, 5, 6}, {6, 4, 0}, {6, 4, 0},
                    {6, 4, 0}});
            INDArray prefix = Nd4j.createFromArray(new long[][] {{1, 4}, {1, 5}, {1, 6}, {1, 7}, {1, 8}, {1, 4}});
            INDArray viaRepeat = m.decode(repeated, prefix).data();
            INDArray direct = m.decode(m.encode(rows), prefix).data();
            assertTrue(Transforms.abs(viaRepeat.sub(direct)).maxNumber().doubleValue() < 1e-5);
        }
    }

    /**
     * The parameters this class adds around the core Transformer (whose own gradients TransformerGradTest checks):
     * both embeddings (scaled, plus positions, the target one also inside the tied generator) and the generator.
     */
    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void gradientsOfEmbeddingsAndGenerator(boolean tied) {
        TransformerSeq2Seq m = randomized(new TransformerSeq2Seq(micro(tied), 7, 9, new Rng(6)), new Rng(7), 0.5);
        m.eval();
        Map<String, Tensor> p = m.namedParameters();
        List<Tensor> checked = new ArrayList<>(List.of(p.get("src_embed.weight"), p.get("tgt_embed.weight"),
                p.get("generator.bias")));
        if (!tied) {
            checked.add(p.get("generator.weight"));
        }
        assertGradients(in -> m.forward(SRC, TGT).logits(), checked);
    }

    @Test
    void badInput() {
        TransformerSeq2Seq m = model(true);
        assertBadInput(() -> m.encode(Nd4j.createFromArray(new long[][] {{4, 7}})), "source", "ids from 4 to 7",
                "vocabulary has 7 tokens");
        assertBadInput(() -> m.encode(Nd4j.ones(2, 3)), "source", "integer token ids");
        assertBadInput(() -> m.decode(m.encode(SRC), Nd4j.createFromArray(new long[][] {{1, 2}})), "one prefix per source");
        assertBadInput(() -> m.encode(Nd4j.ones(org.nd4j.linalg.api.buffer.DataType.LONG, 1, 17).muli(4)),
                "longer than the 16 positions");
        assertBadInput(() -> new TransformerSeq2Seq(micro(true), 3, 9, new Rng(1)), "reserved ids");
        assertBadInput(() -> m.encode(SRC).repeatRows(0), "times is 0");
    }
}

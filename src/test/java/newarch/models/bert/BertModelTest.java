package newarch.models.bert;

import static newarch.tensor.ErrorAssert.assertBadInput;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import newarch.tensor.GradMode;
import newarch.tensor.Rng;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Names, counts, defaults for absent inputs, padding, checkpoint loading and bad input. */
class BertModelTest {
    private static BertConfig small() {
        return new BertConfig(11, 8, 2, 2, 12, "gelu", 0, 0, 6, 2, 0.02, 1e-12);
    }

    @Test
    void parameterNamesAreHuggingFaces() {
        List<String> keys = List.copyOf(new BertModel(small(), new Rng(810)).stateDict().keySet());
        assertEquals(List.of("embeddings.word_embeddings.weight", "embeddings.position_embeddings.weight",
                "embeddings.token_type_embeddings.weight", "embeddings.LayerNorm.weight", "embeddings.LayerNorm.bias",
                "encoder.layer.0.attention.self.query.weight", "encoder.layer.0.attention.self.query.bias",
                "encoder.layer.0.attention.self.key.weight", "encoder.layer.0.attention.self.key.bias",
                "encoder.layer.0.attention.self.value.weight", "encoder.layer.0.attention.self.value.bias",
                "encoder.layer.0.attention.output.dense.weight", "encoder.layer.0.attention.output.dense.bias",
                "encoder.layer.0.attention.output.LayerNorm.weight", "encoder.layer.0.attention.output.LayerNorm.bias",
                "encoder.layer.0.intermediate.dense.weight", "encoder.layer.0.intermediate.dense.bias",
                "encoder.layer.0.output.dense.weight", "encoder.layer.0.output.dense.bias",
                "encoder.layer.0.output.LayerNorm.weight", "encoder.layer.0.output.LayerNorm.bias"),
                keys.subList(0, 21));
        assertEquals(List.of("pooler.dense.weight", "pooler.dense.bias"), keys.subList(keys.size() - 2, keys.size()));
        List<String> heads = new BertForPreTraining(small(), new Rng(811)).stateDict().keySet().stream()
                .filter(k -> k.startsWith("cls.")).toList();
        assertEquals(List.of("cls.predictions.bias", "cls.predictions.transform.dense.weight",
                "cls.predictions.transform.dense.bias", "cls.predictions.transform.LayerNorm.weight",
                "cls.predictions.transform.LayerNorm.bias", "cls.seq_relationship.weight",
                "cls.seq_relationship.bias"), heads);
    }

    @Test
    void parameterCountFollowsTheFormula() {
        // V·H + P·H + T·H + 2H, per layer 4(H²+H) + 2H + (H·I + I) + (I·H + H) + 2H, pooler H² + H.
        long h = 8, i = 12, v = 11, p = 6, t = 2;
        long layer = 4 * (h * h + h) + 2 * h + (h * i + i) + (i * h + h) + 2 * h;
        long expected = v * h + p * h + t * h + 2 * h + 2 * layer + h * h + h;
        assertEquals(expected, new BertModel(small(), new Rng(812)).parameterCount());
        assertEquals(expected - h * h - h, new BertModel(small(), false, new Rng(812)).parameterCount());
        // The MLM head's decoder is tied: only transform (H² + H + 2H), its bias V, and NSP (2H + 2) are added.
        assertEquals(expected + h * h + h + 2 * h + v + 2 * h + 2,
                new BertForPreTraining(small(), new Rng(813)).parameterCount());
    }

    @Test
    void absentTokenTypesMeanSegmentAAndAbsentMaskMeansAllReal() {
        BertModel m = new BertModel(small(), new Rng(814));
        m.to(DataType.DOUBLE).eval();
        INDArray ids = Nd4j.createFromArray(new long[][] {{2, 5, 7}, {1, 1, 9}});
        try (GradMode ignored = GradMode.off()) {
            EncoderOutput implicit = m.forward(ids);
            EncoderOutput explicit = m.forward(ids, Nd4j.ones(DataType.LONG, 2, 3), Nd4j.zeros(DataType.LONG, 2, 3));
            assertTrue(implicit.lastHiddenState().data().equalsWithEps(explicit.lastHiddenState().data(), 1e-12));
            assertTrue(implicit.poolerOutput().data().equalsWithEps(explicit.poolerOutput().data(), 1e-12));
            assertArrayEquals(new long[] {2, 3, 8}, implicit.lastHiddenState().shape());
            assertArrayEquals(new long[] {2, 8}, implicit.poolerOutput().shape());
        }
    }

    @Test
    void paddedKeysAreIgnored() {
        BertModel m = new BertModel(small(), new Rng(815));
        m.to(DataType.DOUBLE).eval();
        try (GradMode ignored = GradMode.off()) {
            INDArray alone = m.forward(Nd4j.createFromArray(new long[][] {{4, 7, 1}})).lastHiddenState().data();
            INDArray padded = m.forward(Nd4j.createFromArray(new long[][] {{4, 7, 1, 9, 9}}),
                    Nd4j.createFromArray(new long[][] {{1, 1, 1, 0, 0}}), null).lastHiddenState().data();
            assertTrue(alone.equalsWithEps(padded.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 3),
                    NDArrayIndex.all()), 1e-12));
        }
    }

    @Test
    void aSequenceWithNoRealTokenAttendsUniformlyAsHuggingFaceDoes() {
        BertModel m = new BertModel(small(), new Rng(816));
        m.eval();
        try (GradMode ignored = GradMode.off()) {
            INDArray out = m.forward(Nd4j.createFromArray(new long[][] {{4, 7}}), Nd4j.zeros(DataType.LONG, 1, 2), null)
                    .lastHiddenState().data();
            assertTrue(!out.isNaN().any() && !out.isInfinite().any(), "finite output");
        }
    }

    @Test
    void huggingFaceCheckpointsLoadWithTheirPrefixesAndTiedKeys() {
        BertForPreTraining source = new BertForPreTraining(small(), new Rng(817));
        Map<String, INDArray> hf = new LinkedHashMap<>(source.stateDict());
        hf.put("bert.embeddings.position_ids", Nd4j.arange(6).reshape(1, 6));
        hf.put("cls.predictions.decoder.weight", hf.get("bert.embeddings.word_embeddings.weight"));
        hf.put("cls.predictions.decoder.bias", hf.get("cls.predictions.bias"));
        BertForPreTraining copy = new BertForPreTraining(small(), new Rng(818));
        copy.loadHuggingFace(hf);
        assertEquals(source.stateDict().get("cls.seq_relationship.weight"), copy.stateDict().get("cls.seq_relationship.weight"));
        BertModel bare = new BertModel(small(), new Rng(819));
        bare.loadHuggingFace(hf);                               // bert.* only; the heads are dropped
        assertEquals(source.stateDict().get("bert.encoder.layer.1.output.dense.weight"),
                bare.stateDict().get("encoder.layer.1.output.dense.weight"));
    }

    @Test
    void badInputIsOneLine() {
        BertModel m = new BertModel(small(), new Rng(820));
        INDArray ids = Nd4j.createFromArray(new long[][] {{1, 2}});
        assertBadInput(() -> m.forward(Nd4j.createFromArray(new long[][] {{1, 11}})), "input_ids", "vocab_size is 11");
        assertBadInput(() -> m.forward(Nd4j.createFromArray(new long[][] {{1, -1}})), "input_ids", "vocab_size");
        assertBadInput(() -> m.forward(Nd4j.zeros(DataType.LONG, 1, 7)), "input_ids is [1,7]",
                "max_position_embeddings");
        assertBadInput(() -> m.forward(ids, Nd4j.ones(DataType.LONG, 1, 3), null), "attention_mask is [1,3]", "[1,2]");
        assertBadInput(() -> m.forward(ids, Nd4j.createFromArray(new long[][] {{1, 2}}), null), "attention_mask",
                "only 0", "1");
        assertBadInput(() -> m.forward(ids, null, Nd4j.createFromArray(new long[][] {{0, 2}})), "token_type_ids",
                "type_vocab_size is 2");
        assertBadInput(() -> m.forward(ids, null, Nd4j.zeros(DataType.LONG, 2, 2)), "token_type_ids", "[2,2]", "[1,2]");
        assertBadInput(() -> new BertConfig(11, 10, 1, 3, 12, "gelu", 0, 0, 6, 2, 0.02, 1e-12), "hidden_size 10",
                "num_attention_heads 3");
        assertBadInput(() -> new BertConfig(11, 8, 1, 2, 12, "mish", 0, 0, 6, 2, 0.02, 1e-12), "hidden_act 'mish'");
        assertBadInput(() -> new BertConfig(11, 8, 1, 2, 12, "gelu", 1.5, 0, 6, 2, 0.02, 1e-12), "hidden_dropout_prob");
    }
}

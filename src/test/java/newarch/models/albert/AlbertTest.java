package newarch.models.albert;

import static newarch.tensor.ErrorAssert.assertBadInput;
import static newarch.tensor.GradAssert.assertModuleGradients;
import static newarch.tensor.GradAssert.randomized;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import newarch.models.bert.EncoderOutput;
import newarch.models.bert.PreTrainingLoss;
import newarch.tensor.GradMode;
import newarch.tensor.Rng;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** ALBERT: gradients, sharing across layers, groups as Hugging Face splits them, names, counts, bad input. */
class AlbertTest {
    private static AlbertConfig grouped(int layers, int groups, int inner) {
        return new AlbertConfig(7, 3, 4, layers, groups, 2, 5, inner, "gelu_new", 0, 0, 4, 2, 0.02, 1e-12);
    }

    @Test
    void gradientsOfThePreTrainingLossWithTwoInnerLayersSharedByTwoSteps() {
        // One group of two inner layers run at both of two steps: each shared weight gathers gradient from two uses.
        AlbertForPreTraining m = randomized(new AlbertForPreTraining(grouped(2, 1, 2), new Rng(900)), new Rng(901), 0.5);
        m.eval();
        INDArray ids = Nd4j.createFromArray(new long[][] {{1, 6, 0}, {3, 2, 5}});
        INDArray mask = Nd4j.createFromArray(new long[][] {{1, 1, 0}, {1, 1, 1}});
        INDArray types = Nd4j.createFromArray(new long[][] {{0, 1, 1}, {0, 0, 1}});
        INDArray labels = Nd4j.createFromArray(new long[][] {{-100, 4, -100}, {2, -100, 1}});
        INDArray sop = Nd4j.createFromArray(new long[] {1, 0});
        assertModuleGradients(m, in -> PreTrainingLoss.of(m.forward(ids, mask, types), labels, sop));
    }

    @Test
    void layersAreSplitOverGroupsAsHuggingFaceDoes() {
        // int(i / (12 / 5)) for i = 0..11, Hugging Face's float division.
        assertEquals(List.of(0, 0, 0, 1, 1, 2, 2, 2, 3, 3, 4, 4),
                IntStream.range(0, 12).map(grouped(12, 5, 1)::groupOf).boxed().toList());
        assertEquals(List.of(0, 0, 0, 0), IntStream.range(0, 4).map(grouped(4, 1, 1)::groupOf).boxed().toList());
        assertEquals(List.of(0, 1, 2), IntStream.range(0, 3).map(grouped(3, 3, 1)::groupOf).boxed().toList());
    }

    @Test
    void oneGroupMeansOneSetOfWeightsWhateverTheDepth() {
        long shallow = new AlbertModel(grouped(1, 1, 1), new Rng(902)).parameterCount();
        assertEquals(shallow, new AlbertModel(grouped(24, 1, 1), new Rng(902)).parameterCount());
        AlbertModel two = new AlbertModel(grouped(4, 2, 3), new Rng(903));
        long layer = 4 * (16 + 4) + 8 + (4 * 5 + 5) + (5 * 4 + 4) + 8;
        // Embeddings (V + P + T)·E + 2E, mapping E·H + H, 2 groups × 3 inner layers, pooler H² + H.
        assertEquals((7 + 4 + 2) * 3 + 6 + 3 * 4 + 4 + 6 * layer + 16 + 4, two.parameterCount());
        List<String> keys = List.copyOf(two.stateDict().keySet());
        assertTrue(keys.contains("encoder.albert_layer_groups.1.albert_layers.2.attention.query.weight"));
        assertTrue(keys.contains("encoder.albert_layer_groups.0.albert_layers.0.full_layer_layer_norm.bias"));
        assertTrue(keys.contains("encoder.embedding_hidden_mapping_in.weight"));
        assertTrue(keys.contains("pooler.weight"));
        assertTrue(new AlbertForPreTraining(grouped(1, 1, 1), new Rng(904)).stateDict().keySet().containsAll(List.of(
                "predictions.bias", "predictions.dense.weight", "predictions.LayerNorm.weight",
                "sop_classifier.classifier.weight", "albert.embeddings.word_embeddings.weight")));
    }

    @Test
    void depthWithSharedWeightsStillChangesTheOutput() {
        // Three steps over one group have exactly the weights of one step (the state dicts are interchangeable), yet
        // the deeper model computes something else: the same layer applied three times.
        AlbertModel deep = new AlbertModel(grouped(3, 1, 1), new Rng(905));
        AlbertModel shallow = new AlbertModel(grouped(1, 1, 1), new Rng(906));
        shallow.loadStateDict(deep.stateDict(), true);
        deep.to(DataType.DOUBLE).eval();
        shallow.to(DataType.DOUBLE).eval();
        INDArray ids = Nd4j.createFromArray(new long[][] {{1, 2, 3}});
        try (GradMode ignored = GradMode.off()) {
            EncoderOutput d = deep.forward(ids);
            EncoderOutput s = shallow.forward(ids);
            assertArrayEquals(new long[] {1, 3, 4}, d.lastHiddenState().shape());
            assertTrue(!d.lastHiddenState().data().equalsWithEps(s.lastHiddenState().data(), 1e-6), "depth matters");
        }
    }

    @Test
    void presetsHaveThePublishedCounts() {
        assertEquals(11_683_584L, new AlbertModel(AlbertConfig.base(), new Rng(907)).parameterCount());
    }

    @Test
    void huggingFaceCheckpointsLoad() {
        AlbertForPreTraining source = new AlbertForPreTraining(grouped(2, 1, 1), new Rng(908));
        Map<String, INDArray> hf = new LinkedHashMap<>(source.stateDict());
        hf.put("predictions.decoder.weight", hf.get("albert.embeddings.word_embeddings.weight"));
        hf.put("predictions.decoder.bias", hf.get("predictions.bias"));
        hf.put("albert.embeddings.position_ids", Nd4j.arange(4).reshape(1, 4));
        AlbertForPreTraining copy = new AlbertForPreTraining(grouped(2, 1, 1), new Rng(909));
        copy.loadHuggingFace(hf);
        assertEquals(source.stateDict().get("sop_classifier.classifier.weight"),
                copy.stateDict().get("sop_classifier.classifier.weight"));
        AlbertModel bare = new AlbertModel(grouped(2, 1, 1), new Rng(910));
        bare.loadHuggingFace(hf);
        assertEquals(source.stateDict().get("albert.pooler.weight"), bare.stateDict().get("pooler.weight"));
    }

    @Test
    void badInputIsOneLine() {
        AlbertModel m = new AlbertModel(grouped(2, 1, 1), new Rng(911));
        assertBadInput(() -> m.forward(Nd4j.createFromArray(new long[][] {{1, 7}})), "input_ids", "vocab_size is 7");
        assertBadInput(() -> m.forward(Nd4j.createFromArray(new long[][] {{1, 2}}), Nd4j.ones(DataType.LONG, 2, 2),
                null), "attention_mask is [2,2]", "[1,2]");
        assertBadInput(() -> grouped(2, 0, 1), "num_hidden_groups 0");
        assertBadInput(() -> new AlbertConfig(7, 3, 6, 1, 1, 4, 5, 1, "gelu_new", 0, 0, 4, 2, 0.02, 1e-12),
                "hidden_size 6", "num_attention_heads 4");
        assertBadInput(() -> new AlbertConfig(7, 3, 4, 1, 1, 2, 5, 1, "elu", 0, 0, 4, 2, 0.02, 1e-12), "hidden_act 'elu'");
    }
}

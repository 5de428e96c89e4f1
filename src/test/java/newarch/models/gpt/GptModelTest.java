package newarch.models.gpt;

import static newarch.tensor.ErrorAssert.assertBadInput;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import newarch.tensor.GradMode;
import newarch.tensor.Rng;
import newarch.tensor.Tensor;
import newarch.train.Adam;
import newarch.train.CrossEntropy;
import newarch.train.LearningRateSchedule;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Names, parameter counts, causality, padding, the tied head, bad input, and that it can learn. */
class GptModelTest {

    @Test
    void parameterNamesAreHuggingFaces() {
        GptModel m = new GptModel(GptConfig.of(11, 8, 8, 1, 2), new Rng(710));
        assertEquals(List.of("wte.weight", "wpe.weight", "h.0.ln_1.weight", "h.0.ln_1.bias",
                "h.0.attn.c_attn.weight", "h.0.attn.c_attn.bias", "h.0.attn.c_proj.weight", "h.0.attn.c_proj.bias",
                "h.0.ln_2.weight", "h.0.ln_2.bias", "h.0.mlp.c_fc.weight", "h.0.mlp.c_fc.bias",
                "h.0.mlp.c_proj.weight", "h.0.mlp.c_proj.bias", "ln_f.weight", "ln_f.bias"),
                List.copyOf(m.stateDict().keySet()));
        // Conv1D keeps GPT-2's [in, out] layout.
        assertEquals(List.of(8L, 24L), List.of(m.stateDict().get("h.0.attn.c_attn.weight").shape()[0],
                m.stateDict().get("h.0.attn.c_attn.weight").shape()[1]));
        assertEquals(List.of(32L, 8L), List.of(m.stateDict().get("h.0.mlp.c_proj.weight").shape()[0],
                m.stateDict().get("h.0.mlp.c_proj.weight").shape()[1]));
    }

    @Test
    void gpt2SmallHasHuggingFacesParameterCount() {
        // wte 50257·768 + wpe 1024·768 + 12 blocks of 7,087,872 + ln_f 1536 (Hugging Face GPT2Model "gpt2").
        assertEquals(124_439_808L, new GptModel(GptConfig.small(), new Rng(711)).parameterCount());
    }

    @Test
    void theLanguageModelHeadIsTiedSoAddsNoParameters() {
        GptConfig c = GptConfig.of(13, 6, 8, 2, 2);
        assertEquals(new GptModel(c, new Rng(712)).parameterCount(),
                new GptLanguageModel(c, new Rng(712)).parameterCount());
        GptLanguageModel lm = new GptLanguageModel(c, new Rng(713));
        INDArray ids = Nd4j.createFromArray(new long[][] {{3, 1, 4, 1, 5}});
        try (GradMode ignored = GradMode.off()) {
            INDArray hidden = lm.transformer().forward(ids).data();
            INDArray expected = Nd4j.matmul(hidden.reshape(5, 8), lm.transformer().tokenEmbedding().data(), false, true,
                    false);
            assertTrue(expected.equalsWithEps(lm.logits(ids).data().reshape(5, 13), 1e-6));
        }
        assertEquals(13, lm.vocabularySize());
        assertEquals(6, lm.contextLength());
    }

    @Test
    void aLaterTokenDoesNotChangeEarlierPositions() {
        GptModel m = new GptModel(GptConfig.of(10, 8, 8, 2, 2), new Rng(714));
        m.to(DataType.DOUBLE);
        try (GradMode ignored = GradMode.off()) {
            INDArray a = m.forward(Nd4j.createFromArray(new long[][] {{1, 2, 3, 4, 5}})).data();
            INDArray b = m.forward(Nd4j.createFromArray(new long[][] {{1, 2, 3, 9, 0}})).data();
            INDArray first = a.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 3), NDArrayIndex.all());
            assertTrue(first.equalsWithEps(b.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 3), NDArrayIndex.all()),
                    1e-12));
            assertTrue(a.getDouble(0, 3, 0) != b.getDouble(0, 3, 0), "position 3 must see its own token");
        }
    }

    @Test
    void paddedKeysAreIgnored() {
        GptModel m = new GptModel(GptConfig.of(10, 8, 8, 2, 2), new Rng(715));
        m.to(DataType.DOUBLE);
        try (GradMode ignored = GradMode.off()) {
            INDArray shortRun = m.forward(Nd4j.createFromArray(new long[][] {{4, 7, 1}})).data();
            // Right padding: with a mask the real positions see the same keys as without the pad tokens.
            INDArray padded = m.forward(Nd4j.createFromArray(new long[][] {{4, 7, 1, 9, 9}}),
                    Nd4j.createFromArray(new long[][] {{1, 1, 1, 0, 0}})).data();
            assertTrue(shortRun.equalsWithEps(
                    padded.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 3), NDArrayIndex.all()), 1e-12));
        }
    }

    @Test
    void huggingFaceCheckpointKeysLoad() {
        GptConfig c = GptConfig.of(11, 8, 8, 1, 2);
        GptModel source = new GptModel(c, new Rng(716));
        Map<String, INDArray> hf = new java.util.LinkedHashMap<>();
        source.stateDict().forEach((k, v) -> hf.put("transformer." + k, v));
        hf.put("lm_head.weight", source.tokenEmbedding().data());
        hf.put("transformer.h.0.attn.bias", Nd4j.ones(1, 1, 8, 8));
        GptLanguageModel lm = new GptLanguageModel(c, new Rng(717));
        lm.transformer().loadHuggingFace(hf);
        assertEquals(source.stateDict().get("h.0.mlp.c_fc.weight"), lm.transformer().stateDict().get("h.0.mlp.c_fc.weight"));
    }

    @Test
    void badInputIsOneLine() {
        GptModel m = new GptModel(GptConfig.of(10, 4, 8, 1, 2), new Rng(718));
        assertBadInput(() -> m.forward(Nd4j.createFromArray(new long[][] {{1, 10}})), "input_ids", "vocab_size is 10",
                "from 1 to 10");
        assertBadInput(() -> m.forward(Nd4j.createFromArray(new long[][] {{1, -1}})), "input_ids", "vocab_size");
        assertBadInput(() -> m.forward(Nd4j.createFromArray(new long[][] {{1, 2, 3, 4, 5}})), "input_ids is [1,5]",
                "n_positions");
        assertBadInput(() -> m.forward(Nd4j.createFromArray(new long[] {1, 2})), "input_ids", "[batch, length]");
        assertBadInput(() -> m.forward(Nd4j.createFromArray(new double[][] {{1, 2}})), "input_ids", "integer");
        assertBadInput(() -> m.forward(Nd4j.createFromArray(new long[][] {{1, 2}}), Nd4j.ones(DataType.LONG, 1, 3)),
                "attention_mask is [1,3]", "[1,2]");
        assertBadInput(() -> GptConfig.of(10, 4, 10, 1, 3), "n_embd 10", "n_head 3");
        assertBadInput(() -> new GptModel(new GptConfig(10, 4, 8, 1, 2, 32, "swish", 1e-5, 0, 0, 0, true, false),
                new Rng(0)), "activation 'swish'");
    }

    @Test
    void aFewAdamStepsReduceTheLanguageModelLoss() {
        GptLanguageModel lm = new GptLanguageModel(GptConfig.of(12, 8, 8, 1, 2), new Rng(719));
        INDArray tokens = Nd4j.createFromArray(new long[][] {{4, 5, 6, 7, 4, 5, 6, 7, 4}, {8, 9, 10, 11, 8, 9, 10, 11, 8}});
        INDArray input = tokens.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 8)).dup();
        INDArray target = tokens.get(NDArrayIndex.all(), NDArrayIndex.interval(1, 9)).dup();
        Adam adam = Adam.adam(lm.parameters(), LearningRateSchedule.constant(3e-2));
        CrossEntropy ce = new CrossEntropy();
        double first = 0;
        double last = 0;
        for (int step = 0; step < 10; step++) {
            lm.zeroGrad();
            Tensor loss = ce.loss(lm.logits(input).permute(0, 2, 1), target); // classes on dimension 1
            loss.backward();
            adam.step();
            last = loss.data().getDouble(0);
            first = step == 0 ? last : first;
        }
        assertTrue(last < 0.7 * first, "loss went from " + first + " to " + last);
    }
}

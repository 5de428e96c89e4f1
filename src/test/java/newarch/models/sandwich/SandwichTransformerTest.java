package newarch.models.sandwich;

import static newarch.tensor.ErrorAssert.assertBadInput;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import newarch.attention.Masks;
import newarch.models.transformer.Transformer;
import newarch.models.transformer.TransformerConfig;
import newarch.tensor.GradMode;
import newarch.tensor.Rng;
import newarch.tensor.Tensor;
import newarch.train.Adam;
import newarch.train.CrossEntropy;
import newarch.train.LearningRateSchedule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class SandwichTransformerTest {
    private static SandwichConfig config(SublayerOrder order) {
        return SandwichConfig.of(11, 8, 8, 2, 12, order);
    }

    @ParameterizedTest(name = "pre-norm {0}")
    @ValueSource(booleans = {true, false})
    void everySandwichCoefficientHasTheBaselinesParameterCount(boolean normFirst) {
        int n = 4;
        long baseline = new SandwichTransformer(config(SublayerOrder.interleaved(n)).withNormFirst(normFirst),
                new Rng(800)).parameterCount();
        for (int k = 0; k <= n; k++) {
            SandwichTransformer m = new SandwichTransformer(
                    config(SublayerOrder.sandwich(n, k)).withNormFirst(normFirst), new Rng(800));
            assertEquals(baseline, m.parameterCount(), "k = " + k);
        }
        // embedding 11·8; per s: in_proj 3·8·8 + 24, out_proj 64 + 8, norm 16; per f: 8·12 + 12 + 12·8 + 8, norm 16.
        long perPair = (192 + 24 + 64 + 8 + 16) + (96 + 12 + 96 + 8 + 16);
        assertEquals(11 * 8 + n * perPair + (normFirst ? 16 : 0), baseline);
    }

    @ParameterizedTest(name = "pre-norm {0}")
    @ValueSource(booleans = {true, false})
    void configCountsTheParametersTheModelHas(boolean normFirst) {
        for (String order : new String[] {"sf", "ssff", "fsfs", "sssfsfff"}) {
            for (int heads : new int[] {1, 4}) {
                SandwichConfig c = SandwichConfig.of(13, 8, 8, heads, 20, SublayerOrder.of(order)).withNormFirst(normFirst);
                assertEquals(new SandwichTransformer(c, new Rng(806)).parameterCount(), c.parameterCount(),
                        order + ", " + heads + " heads");
            }
        }
        // A paper-sized configuration is counted without allocating it: 16 pairs, d 1024, d_ff 4096.
        SandwichConfig big = SandwichConfig.of(267_735, 512, 1024, 16, 4096, SublayerOrder.sandwich(16, 6));
        long perPair = (4L * 1024 * 1024 + 6 * 1024) + (2L * 1024 * 4096 + 4096 + 3 * 1024);
        assertEquals(267_735L * 1024 + 16 * perPair + 2 * 1024, big.parameterCount());
    }

    @Test
    void parameterNamesFollowTheOrder() {
        SandwichTransformer m = new SandwichTransformer(config(SublayerOrder.of("ssff")), new Rng(801));
        List<String> keys = List.copyOf(m.stateDict().keySet());
        assertEquals("embedding.weight", keys.get(0));
        assertTrue(keys.contains("sublayers.1.self_attn.in_proj_weight"));
        assertTrue(keys.contains("sublayers.2.linear1.weight"));
        assertTrue(keys.contains("sublayers.3.norm.bias"));
        assertTrue(keys.contains("norm.weight"));
        assertTrue(keys.stream().noneMatch(k -> k.startsWith("sublayers.0.linear")));
    }

    /**
     * With k = 0 the sandwich is the ordinary pre-norm Transformer: the same weights in a stack of PyTorch-style
     * encoder layers (self_attn + norm1, linear1/linear2 + norm2) under a causal mask give the same hidden states.
     */
    @Test
    void coefficientZeroComputesWhatTheInterleavedTransformerComputes() {
        int n = 2;
        SandwichTransformer sandwich = new SandwichTransformer(config(SublayerOrder.sandwich(n, 0)), new Rng(802));
        sandwich.to(DataType.DOUBLE);
        Transformer.Encoder baseline = new Transformer.Encoder(
                new TransformerConfig(8, 2, 12, 0, "relu", 1e-5, true, true, n, 0), new Rng(803));
        baseline.to(DataType.DOUBLE);
        Map<String, INDArray> renamed = new HashMap<>();
        sandwich.stateDict().forEach((key, value) -> {
            if (key.startsWith("embedding.")) {
                return;
            }
            if (key.startsWith("norm.")) {
                renamed.put(key, value);
                return;
            }
            String[] parts = key.split("\\.", 3); // sublayers, index, rest
            int i = Integer.parseInt(parts[1]);
            String rest = parts[2].startsWith("norm.") ? (i % 2 == 0 ? "norm1." : "norm2.") + parts[2].substring(5)
                    : parts[2];
            renamed.put("layers." + i / 2 + "." + rest, value);
        });
        baseline.loadStateDict(renamed, true);
        INDArray tokens = Nd4j.createFromArray(new long[][] {{3, 1, 4, 1, 5}, {9, 2, 6, 5, 3}});
        try (GradMode ignored = GradMode.off()) {
            Tensor x = sandwich.embed(tokens);
            INDArray got = sandwich.transform(x).data();
            INDArray expected = baseline.forward(x, Masks.causal(5, 5, DataType.DOUBLE), null).data();
            assertTrue(expected.equalsWithEps(got, 1e-12), "sandwich(2, 0) differs from the interleaved Transformer");
            // A real sandwich with the same parameter count computes something else.
            SandwichTransformer other = new SandwichTransformer(config(SublayerOrder.sandwich(n, 1)), new Rng(802));
            other.to(DataType.DOUBLE);
            assertTrue(!other.transform(x).data().equalsWithEps(got, 1e-6));
        }
    }

    @Test
    void aLaterTokenDoesNotChangeEarlierLogits() {
        SandwichTransformer m = new SandwichTransformer(config(SublayerOrder.sandwich(3, 2)).withNormFirst(false),
                new Rng(804));
        m.to(DataType.DOUBLE);
        try (GradMode ignored = GradMode.off()) {
            INDArray a = m.logits(Nd4j.createFromArray(new long[][] {{1, 2, 3, 4}})).data();
            INDArray b = m.logits(Nd4j.createFromArray(new long[][] {{1, 2, 3, 10}})).data();
            assertTrue(a.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 3), NDArrayIndex.all())
                    .equalsWithEps(b.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 3), NDArrayIndex.all()), 1e-12));
        }
    }

    @Test
    void badInputIsOneLine() {
        SandwichTransformer m = new SandwichTransformer(config(SublayerOrder.sandwich(1, 1)), new Rng(805));
        assertBadInput(() -> m.logits(Nd4j.createFromArray(new long[][] {{1, 11}})), "tokens", "vocab_size is 11");
        assertBadInput(() -> m.logits(Nd4j.zeros(DataType.LONG, 1, 9)), "tokens is [1,9]", "context_length");
        assertBadInput(() -> SandwichConfig.of(11, 8, 8, 3, 12, SublayerOrder.interleaved(1)), "d_model 8", "n_head 3");
        assertBadInput(() -> new SandwichTransformer(new SandwichConfig(11, 8, 8, 2, 12, SublayerOrder.interleaved(1),
                true, 0, "swish", 1e-5), new Rng(0)), "activation 'swish'");
    }

    @Test
    void aFewAdamStepsReduceTheLanguageModelLoss() {
        SandwichTransformer m = new SandwichTransformer(SandwichConfig.of(12, 8, 8, 2, 16, SublayerOrder.sandwich(2, 1)),
                new Rng(806));
        INDArray tokens = Nd4j.createFromArray(new long[][] {{4, 5, 6, 7, 4, 5, 6, 7, 4}, {8, 9, 10, 11, 8, 9, 10, 11, 8}});
        INDArray input = tokens.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 8)).dup();
        INDArray target = tokens.get(NDArrayIndex.all(), NDArrayIndex.interval(1, 9)).dup();
        Adam adam = Adam.adam(m.parameters(), LearningRateSchedule.constant(3e-2));
        CrossEntropy ce = new CrossEntropy();
        double first = 0;
        double last = 0;
        for (int step = 0; step < 10; step++) {
            m.zeroGrad();
            Tensor loss = ce.loss(m.logits(input).permute(0, 2, 1), target);
            loss.backward();
            adam.step();
            last = loss.data().getDouble(0);
            first = step == 0 ? last : first;
        }
        assertTrue(last < 0.7 * first, "loss went from " + first + " to " + last);
    }
}

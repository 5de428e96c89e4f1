package newarch.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import newarch.models.LanguageModel;
import newarch.models.SequenceTagger;
import newarch.models.SequenceToSequence;
import newarch.nn.Module;
import newarch.tensor.Rng;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Every model registered for the results builds from a tiny spec and runs a forward pass of the right shape. */
class ExperimentModelsTest {
    private static final ModelSpec SPEC = new ModelSpec(9, 9, 6, 7);

    @Test
    void sequenceToSequenceEntriesBuildAndForward() {
        INDArray source = Nd4j.createFromArray(new long[][] {{4, 5, 6, 2}, {7, 8, 2, 0}});
        INDArray targetIn = Nd4j.createFromArray(new long[][] {{1, 6, 5, 4}, {1, 8, 7, 0}});
        for (String name : new String[] {"rnn-small", "rnn-attention-small", "ut-small", "ut-small-fixed"}) {
            Module m = TrainableModels.create(name, SPEC, new Rng(3));
            SequenceToSequence s2s = (SequenceToSequence) m;
            assertArrayEquals(new long[] {2, 4, 9}, s2s.forward(source, targetIn).logits().shape(), name);
            assertTrue(m.parameterCount() > 0, name);
        }
    }

    @Test
    void languageModelEntriesBuildAndForward() {
        INDArray tokens = Nd4j.createFromArray(new long[][] {{1, 4, 5, 6, 7}, {1, 8, 4, 4, 5}});
        int n = 0;
        for (String name : TrainableModels.names()) {
            if (!name.equals("gpt-tiny") && !name.startsWith("sandwich-")) {
                continue;
            }
            LanguageModel lm = (LanguageModel) TrainableModels.create(name, ModelSpec.forLanguageModel(9, 8),
                    new Rng(5));
            assertEquals(8, lm.contextLength(), name);
            assertArrayEquals(new long[] {2, 5, 9}, lm.logits(tokens).shape(), name);
            n++;
        }
        assertEquals(1 + 2 + 3 + 4, n, "gpt-tiny and sandwich-nN-kK for N = 1..3, K = 0..N");
    }

    @Test
    void taggerEntriesBuildAndForward() {
        INDArray tokens = Nd4j.createFromArray(new long[][] {{4, 5, 6, 4, 5}, {7, 8, 0, 0, 0}});
        for (String name : new String[] {"nse-small", "rse-small"}) {
            SequenceTagger tagger = (SequenceTagger) TrainableModels.create(name, SPEC, new Rng(6));
            assertArrayEquals(new long[] {2, 5, 9}, tagger.tag(tokens).shape(), name);
        }
    }

    @Test
    void sandwichNamesFollowTheOrder() {
        var sandwich = (newarch.models.sandwich.SandwichTransformer) TrainableModels.create("sandwich-n3-k1",
                ModelSpec.forLanguageModel(9, 8), new Rng(1));
        assertEquals("ssfsff", sandwich.order().toString());
    }
}

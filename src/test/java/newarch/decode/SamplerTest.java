package newarch.decode;

import static newarch.tensor.ErrorAssert.assertBadInput;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import newarch.data.Vocabulary;
import newarch.models.LanguageModel;
import newarch.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Continuing a prompt with a language model: greedy, temperature, top-k, seeds, EOS and the context window. */
class SamplerTest {
    /** Next-token logits fixed per position: token 4 is likeliest, then 5, 6, 7, with EOS unlikely. */
    private static final class FixedLm implements LanguageModel {
        int longestContextSeen;

        @Override
        public Tensor logits(INDArray tokens) {
            longestContextSeen = Math.max(longestContextSeen, (int) tokens.size(1));
            double[] row = {-9, -9, -6, -9, 2.0, 1.5, 1.0, 0.5};
            INDArray one = Nd4j.createFromArray(row).reshape(1, 1, 8).castTo(DataType.FLOAT);
            return Tensor.constant(Nd4j.tile(one, (int) tokens.size(0), (int) tokens.size(1), 1));
        }

        @Override
        public int vocabularySize() {
            return 8;
        }

        @Override
        public int contextLength() {
            return 5;
        }
    }

    private static INDArray prompt(int rows) {
        return Nd4j.ones(DataType.LONG, rows, 2).muli(Vocabulary.BOS);
    }

    @Test
    void greedyTakesTheArgmaxAndTopOneIsGreedy() {
        INDArray greedy = Sampler.continuePrompt(new FixedLm(), prompt(2), 4, Sampler.Options.greedy());
        assertArrayEquals(new long[] {1, 1, 4, 4, 4, 4}, greedy.getRow(0).toLongVector());
        INDArray topOne = Sampler.continuePrompt(new FixedLm(), prompt(2), 4, new Sampler.Options(1.5, 1, 3, true));
        assertEquals(greedy, topOne);
    }

    @Test
    void samplingIsSeededAndStaysInTheTopK() {
        FixedLm lm = new FixedLm();
        INDArray a = Sampler.continuePrompt(lm, prompt(8), 12, new Sampler.Options(1.0, 2, 42, false));
        INDArray b = Sampler.continuePrompt(lm, prompt(8), 12, new Sampler.Options(1.0, 2, 42, false));
        INDArray c = Sampler.continuePrompt(lm, prompt(8), 12, new Sampler.Options(1.0, 2, 43, false));
        assertEquals(a, b, "same seed, same text");
        assertNotEquals(a, c, "another seed, other text");
        Set<Long> seen = new HashSet<>();
        for (long t : a.get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
                org.nd4j.linalg.indexing.NDArrayIndex.interval(2, 14)).dup().reshape(-1).toLongVector()) {
            seen.add(t);
        }
        assertEquals(Set.of(4L, 5L), seen, "top-2 samples only the two likeliest tokens, and both occur");
        assertTrue(lm.longestContextSeen <= 5, "the prompt is cropped to the model's context");
    }

    @Test
    void highTemperatureSpreadsTheSamples() {
        INDArray hot = Sampler.continuePrompt(new FixedLm(), prompt(16), 16, new Sampler.Options(5.0, 0, 1, false));
        Set<Long> seen = new HashSet<>();
        for (long t : hot.reshape(-1).toLongVector()) {
            seen.add(t);
        }
        assertTrue(seen.containsAll(Set.of(4L, 5L, 6L, 7L)), "at T = 5 all four likely tokens appear: " + seen);
    }

    @Test
    void badOptions() {
        assertBadInput(() -> new Sampler.Options(-1, 0, 0, true), "temperature is -1");
        assertBadInput(() -> new Sampler.Options(1, -2, 0, true), "top-k is -2");
        assertBadInput(() -> Sampler.continuePrompt(new FixedLm(), Nd4j.ones(DataType.LONG, 1, 0), 3,
                Sampler.Options.greedy()), "at least one prompt token");
    }
}

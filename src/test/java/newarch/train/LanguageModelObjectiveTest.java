package newarch.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Set;
import newarch.data.LengthRange;
import newarch.data.SequenceTask;
import newarch.data.Tasks;
import newarch.models.LanguageModel;
import newarch.nn.Embedding;
import newarch.nn.Linear;
import newarch.nn.Module;
import newarch.tensor.Rng;
import newarch.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The language-model side of the trainer, with the simplest causal model there is: a bigram table. */
class LanguageModelObjectiveTest {
    /** Next-token logits from the current token alone: causal by construction. */
    static final class BigramLm extends Module implements LanguageModel {
        private final Embedding embed;
        private final Linear out;
        private final int vocabulary;

        BigramLm(int vocabulary, Rng rng) {
            this.vocabulary = vocabulary;
            embed = child("embed", new Embedding(vocabulary, 8, rng));
            out = child("out", new Linear(8, vocabulary, true, rng));
        }

        @Override
        public Tensor logits(INDArray tokens) {
            return out.forward(embed.forward(tokens));
        }

        @Override
        public int vocabularySize() {
            return vocabulary;
        }

        @Override
        public int contextLength() {
            return 64;
        }
    }

    private static final SequenceTask TASK = Tasks.create("copy", LengthRange.of(1, 3), LengthRange.of(4, 5));

    private static Trainer trainer(long seed) {
        Rng rng = new Rng(seed);
        BigramLm lm = new BigramLm(TASK.vocabulary().size(), rng);
        return new Trainer(lm, rng, new LanguageModelObjective(lm, TASK, seed, 8, 0.0, 10),
                Adam.adam(lm.parameters(), LearningRateSchedule.constant(1e-2)),
                new Trainer.Options(30, 1.0, 0, 0, null, null));
    }

    @Test
    void trainsDeterministicallyAndReportsPerplexity() {
        Trainer a = trainer(2);
        double[] losses = a.run().losses();
        assertArrayEquals(losses, trainer(2).run().losses(), 0.0);
        assertTrue(losses[losses.length - 1] < losses[0], "the loss falls: " + losses[0] + " → "
                + losses[losses.length - 1]);
        Map<String, Double> m = a.history().lastEvaluation().metrics();
        assertEquals(Set.of("test.exact", "test.token_accuracy", "test.loss", "test.perplexity", "longer.exact",
                "longer.token_accuracy", "longer.loss", "longer.perplexity"), m.keySet());
        assertEquals(Math.exp(m.get("test.loss")), m.get("test.perplexity"), 1e-9);
        assertTrue(m.get("test.perplexity") < TASK.vocabulary().size(), "better than uniform: " + m);
    }

    @Test
    void experimentPicksTheLanguageModelObjectiveForALanguageModel() {
        String name = "test-bigram-lm";
        synchronized (TrainableModels.class) {
            if (!TrainableModels.names().contains(name)) {
                TrainableModels.register(name, "bigram table for tests",
                        (spec, rng) -> new BigramLm(spec.languageModelVocabulary(), rng));
            }
        }
        TrainingConfig c = TrainingConfig.defaults("copy", name).withSteps(3).withEvaluation(0, 4, 0)
                .withLengths(LengthRange.of(1, 3), LengthRange.of(4, 5));
        Map<String, Object> m = Experiment.create(c, null, null).run();
        assertTrue(m.containsKey("test.perplexity"), m.toString());
    }
}

package newarch.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import newarch.data.CharacterTokenizer;
import newarch.data.Corpus;
import newarch.data.LanguageModelCorpus;
import newarch.models.LanguageModel;
import newarch.nn.Module;
import newarch.tensor.Rng;
import org.junit.jupiter.api.Test;

/** The corpus language-modelling task on a small text: names, reproducible batches, perplexity, training. */
class CorpusLanguageModelObjectiveTest {
    private static final String TEXT = "the whale and the sea and the ship; ".repeat(40);

    private static LanguageModelCorpus corpus() {
        return LanguageModelCorpus.of(new Corpus("tiny", TEXT), new CharacterTokenizer(), 1);
    }

    private static CorpusLanguageModelObjective objective(Module model, LanguageModelCorpus c) {
        return new CorpusLanguageModelObjective((LanguageModel) model, c, 8, 7, 4, 0.0, 3);
    }

    @Test
    void taskNamesGiveTheContext() {
        assertEquals(64, CorpusTasks.parse("moby-dick-chars").context());
        assertEquals(32, CorpusTasks.parse("moby-dick-chars-ctx32").context());
        assertTrue(CorpusTasks.isCorpusTask("moby-dick-chars-ctx8"));
        assertTrue(!CorpusTasks.isCorpusTask("reverse"));
        assertThrows(IllegalArgumentException.class, () -> CorpusTasks.parse("moby-dick-chars-ctx0"));
        assertThrows(IllegalArgumentException.class, () -> CorpusTasks.parse("moby-dick-chars-ctxabc"));
        assertThrows(IllegalArgumentException.class, () -> CorpusTasks.parse("copy"));
    }

    @Test
    void lossIsAFunctionOfTheStepAndPerplexityIsReported() {
        LanguageModelCorpus c = corpus();
        Module model = TrainableModels.create("sandwich-n1-k0",
                ModelSpec.forLanguageModel(c.vocabulary().size(), 8), new Rng(1));
        CorpusLanguageModelObjective o = objective(model, c);
        double first = o.loss(5).taskLoss();
        o.loss(6);
        assertEquals(first, o.loss(5).taskLoss(), 0.0, "the batch of a step does not depend on earlier calls");
        assertEquals(4 * 8, o.loss(1).tokens());
        model.eval();
        Map<String, Double> valid = o.evaluate();
        assertEquals(Math.exp(valid.get("valid.loss")), valid.get("valid.perplexity"), 1e-9);
        assertEquals(3 * 8, valid.get("valid.tokens"), 0.0, "at most evalWindows windows of T");
        Map<String, Double> test = o.test();
        assertTrue(test.get("test.perplexity") > 1 && Double.isFinite(test.get("test.perplexity")));
        assertEquals(((c.size(LanguageModelCorpus.Split.TEST) - 1) / 8) * 8, test.get("test.tokens"), 0.0,
                "the whole test part in non-overlapping windows");
    }

    @Test
    void trainingLowersValidationPerplexity() {
        LanguageModelCorpus c = corpus();
        Module model = TrainableModels.create("sandwich-n1-k0",
                ModelSpec.forLanguageModel(c.vocabulary().size(), 8), new Rng(2));
        CorpusLanguageModelObjective o = objective(model, c);
        Trainer t = new Trainer(model, new Rng(2), o, new Adam(model.parameters(),
                LearningRateSchedule.constant(1e-2), 0.9, 0.98, 1e-9, 0, false),
                new Trainer.Options(40, 1.0, 0, 0, null, null));
        double before = t.evaluate(0).metrics().get("valid.perplexity");
        t.run();
        double after = t.history().lastEvaluation().metrics().get("valid.perplexity");
        assertTrue(after < before / 2, "perplexity " + before + " -> " + after);
    }

    @Test
    void badArgumentsAreRejected() {
        LanguageModelCorpus c = corpus();
        Module model = TrainableModels.create("sandwich-n1-k0",
                ModelSpec.forLanguageModel(c.vocabulary().size(), 8), new Rng(1));
        assertThrows(IllegalArgumentException.class, () -> new CorpusLanguageModelObjective((LanguageModel) model, c,
                9, 1, 4, 0, 3), "context longer than the model's");
        assertThrows(IllegalArgumentException.class, () -> new CorpusLanguageModelObjective((LanguageModel) model, c,
                8, 1, 0, 0, 3), "batch size 0");
    }
}

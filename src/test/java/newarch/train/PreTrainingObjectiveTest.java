package newarch.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import newarch.data.pretraining.PreTrainingCorpus;
import newarch.data.pretraining.SentencePairs;
import newarch.models.bert.BertConfig;
import newarch.models.bert.BertForPreTraining;
import newarch.tensor.Rng;
import org.junit.jupiter.api.Test;

class PreTrainingObjectiveTest {
    private static PreTrainingCorpus corpus() {
        StringBuilder text = new StringBuilder();
        for (int p = 0; p < 40; p++) {
            text.append("The whale number ").append(p % 5).append(" swam far. Ahab saw it! The sea was calm. \n");
        }
        return new PreTrainingCorpus(text.toString(), 40);
    }

    @Test
    void batchesAreAPureFunctionOfTheStepAndTrainingLowersTheLoss() {
        PreTrainingCorpus corpus = corpus();
        Rng rng = new Rng(1);
        BertForPreTraining model = new BertForPreTraining(new BertConfig(corpus.vocabulary().size(), 16, 1, 2, 32,
                "gelu", 0, 0, 24, 2, 0.02, 1e-12), rng);
        PreTrainingObjective objective = new PreTrainingObjective(model::forward, corpus, SentencePairs.Task.NSP, 24,
                7, 8, 16);
        assertEquals(objective.trainingBatch(3).inputIds(), objective.trainingBatch(3).inputIds());
        assertTrue(!objective.trainingBatch(3).inputIds().equals(objective.trainingBatch(4).inputIds()));
        Trainer trainer = new Trainer(model, rng, objective, new Adam(model.parameters(),
                LearningRateSchedule.constant(3e-3), 0.9, 0.999, 1e-8, 0, false),
                new Trainer.Options(40, 1.0, 0, 0, null, null));
        TrainingHistory h = trainer.run();
        double[] losses = h.losses();
        assertTrue(losses[losses.length - 1] < losses[0] - 0.5, "loss " + losses[0] + " -> "
                + losses[losses.length - 1]);
        Map<String, Double> m = objective.evaluate();
        assertTrue(m.get("test.mlm_accuracy") > 0.2, m.toString());
        assertTrue(m.containsKey("test.nsp_accuracy") && m.containsKey("test.mlm_loss"), m.toString());
    }
}

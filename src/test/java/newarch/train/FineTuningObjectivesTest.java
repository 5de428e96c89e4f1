package newarch.train;

import static newarch.tensor.ErrorAssert.assertBadInput;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import newarch.data.PaddedIds;
import newarch.data.pretraining.PreTrainingCorpus;
import newarch.data.pretraining.SentencePairs;
import newarch.models.bert.BertConfig;
import newarch.models.bert.BertForPreTraining;
import newarch.models.bert.BertForSequenceClassification;
import newarch.models.bert.BertForTokenClassification;
import newarch.models.distilbert.DistilBertConfig;
import newarch.models.distilbert.DistilBertForMaskedLM;
import newarch.models.distilbert.DistillationLoss;
import newarch.models.distilbert.StudentInitializer;
import newarch.tensor.Rng;
import org.junit.jupiter.api.Test;

/**
 * Fine-tuning and distillation at toy scale: padding, copying a pre-trained encoder, a classifier and a tagger that
 * learn rules only context reveals, and a distilled student that moves towards its teacher.
 */
class FineTuningObjectivesTest {
    static final BertConfig TINY = new BertConfig(12, 16, 2, 2, 32, "gelu", 0, 0, 10, 2, 0.02, 1e-12);
    static final FineTuneRun QUICK = new FineTuneRun(80, 16, 3e-3, 5, 1, 80);

    @Test
    void paddedIdsPadWithPadAndIgnoredLabels() {
        PaddedIds p = PaddedIds.of(List.of(new int[] {5, 6, 7}, new int[] {8}), List.of(new int[] {1, 2, 3},
                new int[] {4}), -100);
        assertArrayEquals(new long[] {8, 0, 0}, p.ids().getRow(1).toLongVector());
        assertArrayEquals(new long[] {1, 0, 0}, p.mask().getRow(1).toLongVector());
        assertArrayEquals(new long[] {4, -100, -100}, p.labels().getRow(1).toLongVector());
        assertBadInput(() -> PaddedIds.of(List.of(new int[] {5, 6}), List.of(new int[] {1}), -100), "sequence 0",
                "2 tokens", "1 labels");
        assertBadInput(() -> PaddedIds.of(List.of()), "at least one");
    }

    @Test
    void copyEncoderTakesThePreTrainedWeightsAndLeavesOutAMissingPooler() {
        BertForPreTraining pre = new BertForPreTraining(TINY, new Rng(1));
        BertForTokenClassification tagger = new BertForTokenClassification(TINY, 3, new Rng(2));
        FineTuneRun.copyEncoder(pre, tagger.bert());
        assertEquals(pre.bert().stateDict().get("encoder.layer.1.output.dense.weight"),
                tagger.bert().stateDict().get("encoder.layer.1.output.dense.weight"));
        BertForSequenceClassification classifier = new BertForSequenceClassification(TINY, 2, new Rng(3));
        FineTuneRun.copyEncoder(pre, classifier.bert());
        assertEquals(pre.bert().stateDict().get("pooler.dense.weight"),
                classifier.bert().stateDict().get("pooler.dense.weight"));
    }

    /** Label 1 when token 7 occurs anywhere: only attention over the whole text can see it from [CLS]. */
    @Test
    void sequenceClassifierLearnsAWholeTextRule() {
        SplitData<SequenceClassificationObjective.Example> data = new SplitData<>();
        java.util.SplittableRandom r = new java.util.SplittableRandom(5);
        for (int i = 0; i < 240; i++) {
            int len = 3 + r.nextInt(5);
            int[] ids = new int[len + 2];
            ids[0] = 1;
            ids[len + 1] = 2;
            boolean seven = r.nextBoolean();
            for (int j = 1; j <= len; j++) {
                ids[j] = 8 + r.nextInt(4);
            }
            if (seven) {
                ids[1 + r.nextInt(len)] = 7;
            }
            data.add(i, new SequenceClassificationObjective.Example(ids, seven ? 1 : 0));
        }
        BertForSequenceClassification m = new BertForSequenceClassification(TINY, 2, new Rng(4));
        FineTuneRun.Outcome o = QUICK.run(m, new Rng(4), new SequenceClassificationObjective(m::forward, data.train,
                data.test, 16, 1), null);
        assertTrue(o.last().get("test.accuracy") > 0.9, o.last().toString());
        assertTrue(o.last().get("test.f1") > 0.9, o.last().toString());
    }

    /**
     * Token 9 is tagged 1 in sentences that contain token 10 and 2 in the others: the same token gets a different
     * tag by its context.
     */
    @Test
    void taggerLearnsATagThatDependsOnContext() {
        SplitData<TokenClassificationObjective.Example> data = new SplitData<>();
        java.util.SplittableRandom r = new java.util.SplittableRandom(6);
        for (int i = 0; i < 240; i++) {
            int len = 3 + r.nextInt(5);
            int[] ids = new int[len + 2];
            int[] labels = new int[len + 2];
            ids[0] = 1;
            ids[len + 1] = 2;
            labels[0] = -100;
            labels[len + 1] = -100;
            boolean ten = r.nextBoolean();
            for (int j = 1; j <= len; j++) {
                ids[j] = 8 + r.nextInt(2);
            }
            if (ten) {
                ids[1 + r.nextInt(len)] = 10;
            }
            for (int j = 1; j <= len; j++) {
                labels[j] = ids[j] == 8 ? 0 : ids[j] == 10 ? 3 : ten ? 1 : 2;
            }
            data.add(i, new TokenClassificationObjective.Example(ids, labels));
        }
        BertForTokenClassification m = new BertForTokenClassification(TINY, 4, new Rng(5));
        FineTuneRun.Outcome o = new FineTuneRun(120, 16, 3e-3, 5, 1, 120).run(m, new Rng(5),
                new TokenClassificationObjective(
                (ids, mask) -> m.forward(ids, mask).logits(), data.train, data.test, 16, 1), null);
        assertTrue(o.last().get("test.token_accuracy") > 0.95, o.last().toString());
    }

    /** Word dropout hides labelled words only, deterministically per step, and never at evaluation. */
    @Test
    void wordDropoutReplacesLabelledWordsByUnknownWhileTraining() {
        List<TokenClassificationObjective.Example> sentences = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            int[] ids = {1, 5, 6, 7, 8, 9, 10, 11, 12, 2};
            int[] labels = {-100, 0, 1, 0, 1, 0, 1, 0, 1, -100};
            sentences.add(new TokenClassificationObjective.Example(ids, labels));
        }
        List<org.nd4j.linalg.api.ndarray.INDArray> seen = new ArrayList<>();
        java.util.function.BiFunction<org.nd4j.linalg.api.ndarray.INDArray, org.nd4j.linalg.api.ndarray.INDArray,
                newarch.tensor.Tensor> model = (ids, mask) -> {
                    seen.add(ids.dup());
                    return newarch.tensor.Tensor.parameter(org.nd4j.linalg.factory.Nd4j.zeros(
                            org.nd4j.linalg.api.buffer.DataType.FLOAT, ids.size(0), ids.size(1), 2));
                };
        TokenClassificationObjective objective = new TokenClassificationObjective(model, sentences, sentences, 8, 3,
                new TokenClassificationObjective.WordDropout(3, 0.5));
        objective.loss(0);
        objective.loss(0);
        objective.loss(1);
        assertEquals(seen.get(0), seen.get(1), "the same step hides the same words");
        long hidden = 0;
        for (int b = 0; b < 8; b++) {
            assertEquals(1, seen.get(0).getLong(b, 0));
            assertEquals(2, seen.get(0).getLong(b, 9));
            for (int j = 1; j <= 8; j++) {
                long id = seen.get(0).getLong(b, j);
                assertTrue(id == 3 || id == 4 + j, "position " + j + " holds " + id);
                hidden += id == 3 ? 1 : 0;
            }
        }
        assertTrue(hidden > 16 && hidden < 48, hidden + " of 64 words hidden at rate 0.5");
        assertTrue(!seen.get(0).equals(seen.get(2)), "another step hides other words");
        seen.clear();
        objective.evaluate();
        assertEquals(0, seen.get(0).eq(3).castTo(org.nd4j.linalg.api.buffer.DataType.INT).sumNumber().intValue());
        assertBadInput(() -> new TokenClassificationObjective.WordDropout(3, 1.0), "word dropout rate is 1.0");
    }

    @Test
    void distillationMovesTheStudentTowardsTheTeacher() {
        StringBuilder text = new StringBuilder();
        for (int p = 0; p < 40; p++) {
            text.append("The whale number ").append(p % 5).append(" swam far. Ahab saw it! The sea was calm. \n");
        }
        PreTrainingCorpus corpus = new PreTrainingCorpus(text.toString(), 40);
        BertConfig config = new BertConfig(corpus.vocabulary().size(), 16, 2, 2, 32, "gelu", 0, 0, 24, 2, 0.02,
                1e-12);
        BertForPreTraining teacher = new BertForPreTraining(config, new Rng(1));
        PreTrainingObjective batches = new PreTrainingObjective(teacher::forward, corpus, SentencePairs.Task.NSP, 24,
                7, 8, 16);
        new FineTuneRun(60, 8, 3e-3, 5, 1, 0).run(teacher, new Rng(1), batches, null);
        DistilBertForMaskedLM student = new DistilBertForMaskedLM(DistilBertConfig.studentOf(config), new Rng(2));
        StudentInitializer.copy(teacher, student, StudentInitializer.everyOther(1));
        DistillationObjective objective = new DistillationObjective(teacher, student, batches,
                DistillationLoss.defaults());
        double first = objective.loss(1).total().data().getDouble(0);
        FineTuneRun.Outcome o = new FineTuneRun(40, 8, 3e-3, 5, 1, 40).run(student, new Rng(2), objective, null);
        double last = objective.loss(1).total().data().getDouble(0);
        assertTrue(last < first, "distillation loss on batch 1: " + first + " -> " + last);
        Map<String, Double> m = o.last();
        assertTrue(m.get("test.mlm_accuracy") >= 0 && m.get("test.mlm_accuracy") <= 1, m.toString());
        assertTrue(DistillationObjective.teacherAccuracy(teacher, batches) > 0.2);
    }

    /** Every fourth example for testing. */
    static final class SplitData<T> {
        final List<T> train = new ArrayList<>();
        final List<T> test = new ArrayList<>();

        void add(int i, T example) {
            (i % 4 == 3 ? test : train).add(example);
        }
    }
}

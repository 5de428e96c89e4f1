package newarch.train;

import static newarch.tensor.ErrorAssert.assertBadInput;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import newarch.data.BinaryAdditionTask;
import newarch.data.Example;
import newarch.data.LengthRange;
import newarch.data.SequenceTask;
import newarch.models.SequenceTagger;
import newarch.models.shuffle.ShuffleExchangeNetwork;
import newarch.nn.Module;
import newarch.tensor.Rng;
import newarch.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class TaggingObjectiveTest {
    @Test
    void labelsAreTheAnswerThenPadThenIgnored() {
        TaggingObjective.Labelled l = TaggingObjective.Labelled.of(List.of(
                new Example(new int[] {4, 5, 6, 4}, new int[] {5, 5}), new Example(new int[] {6, 4}, new int[] {4})));
        assertEquals(Nd4j.createFromArray(new long[][] {{4, 5, 6, 4}, {6, 4, 0, 0}}), l.inputs());
        assertEquals(Nd4j.createFromArray(new long[][] {{5, 5, 0, 0}, {4, 0, -1, -1}}), l.labels());
        assertBadInput(() -> TaggingObjective.Labelled.of(List.of(new Example(new int[] {4}, new int[] {4, 5}))),
                "cannot be labelled");
    }

    /** A tagger that answers perfectly by looking the example up: accuracies must be exactly 1. */
    private static final class Oracle implements SequenceTagger {
        private final SequenceTask task;
        private final Map<String, Example> byInput = new java.util.HashMap<>();

        Oracle(SequenceTask task, List<Example> examples) {
            this.task = task;
            examples.forEach(e -> byInput.put(java.util.Arrays.toString(e.source()), e));
        }

        @Override
        public Tensor tag(INDArray tokens) {
            long b = tokens.size(0);
            long len = tokens.size(1);
            INDArray logits = Nd4j.zeros(DataType.FLOAT, b, len, vocabularySize());
            for (int i = 0; i < b; i++) {
                int n = 0;
                while (n < len && tokens.getLong(i, n) != 0) {
                    n++;
                }
                int[] src = new int[n];
                for (int j = 0; j < n; j++) {
                    src[j] = (int) tokens.getLong(i, j);
                }
                int[] target = byInput.get(java.util.Arrays.toString(src)).target();
                for (int j = 0; j < len; j++) {
                    logits.putScalar(new long[] {i, j, j < target.length ? target[j] : 0}, 10f);
                }
            }
            return Tensor.constant(logits);
        }

        @Override
        public int vocabularySize() {
            return task.vocabulary().size();
        }
    }

    @Test
    void perfectTaggerScoresOneAtEveryLength() {
        SequenceTask task = new BinaryAdditionTask(LengthRange.of(1, 3), LengthRange.of(12, 12));
        List<Example> all = new java.util.ArrayList<>(task.testSet(5, task.trainLengths(), 6));
        all.addAll(task.testSet(5, task.testLengths(), 6));
        for (int len = 1; len <= 3; len++) {
            all.addAll(task.testSet(5, LengthRange.of(len, len), 4));
        }
        TaggingObjective objective = new TaggingObjective(new Oracle(task, all), task, 5, 4, 0.0, 6);
        Map<String, Double> m = objective.evaluate();
        assertEquals(1.0, m.get("test.exact"));
        assertEquals(1.0, m.get("longer.exact"));
        assertEquals(1.0, m.get("longer.token_accuracy"));
        assertEquals(Map.of(1, 1.0, 2, 1.0, 3, 1.0), objective.exactByLength(LengthRange.of(1, 3), 4));
        Map<String, Double> at2 = objective.scoreAt(LengthRange.of(2, 2), 4);
        assertEquals(1.0, at2.get("exact"));
        assertEquals(1.0, at2.get("token_accuracy"));
        assertTrue(at2.containsKey("loss"));
    }

    @Test
    void trainsAShuffleExchangeNetworkThroughTheRegistry() {
        SequenceTask task = new BinaryAdditionTask(LengthRange.of(1, 3), LengthRange.of(12, 12));
        Module model = TrainableModels.create("rse-small", ModelSpec.forTask(task), new Rng(1));
        TaggingObjective objective = new TaggingObjective((SequenceTagger) model, task, 1, 4, 0.0, 3);
        TrainingObjective.StepLoss loss = objective.loss(1);
        assertTrue(loss.taskLoss() > 0 && Double.isFinite(loss.taskLoss()));
        loss.total().backward();
        assertTrue(model.parameters().stream().allMatch(p -> p.grad() != null), "every weight gets a gradient");
        Map<String, Double> m = objective.evaluate();
        assertTrue(m.keySet().containsAll(List.of("test.exact", "test.token_accuracy", "test.loss", "longer.exact")));
        assertTrue(model instanceof ShuffleExchangeNetwork);
    }

    @Test
    void experimentTrainsATaggerByName() {
        TrainingConfig config = TrainingConfig.defaults("binary-addition", "nse-small").withSteps(2)
                .withBatchSize(4).withEvaluation(2, 3, 0).withLengths(LengthRange.of(1, 2), LengthRange.of(8, 8));
        Experiment e = Experiment.create(config, null, null);
        assertTrue(e.objective() instanceof TaggingObjective);
        Map<String, Object> m = e.run();
        assertEquals(2L, m.get("steps"));
        assertTrue(m.containsKey("longer.exact") && m.containsKey("test.token_accuracy"), m.toString());
    }

    @Test
    void refusesTasksWhoseAnswersAreLongerThanTheirInputs() {
        SequenceTask doubling = new SequenceTask("doubling", new newarch.data.Vocabulary(List.of("a")),
                LengthRange.of(1, 2), LengthRange.of(3, 3)) {
            @Override
            protected Example generate(java.util.SplittableRandom random, LengthRange lengths) {
                int n = lengths.draw(random);
                return new Example(new int[n], new int[2 * n]);
            }

            @Override
            protected double inputsOfSourceLength(int sourceTokens) {
                return 1;
            }

            @Override
            public int maxSourceLength(LengthRange lengths) {
                return lengths.max();
            }

            @Override
            public int maxTargetLength(LengthRange lengths) {
                return 2 * lengths.max();
            }
        };
        assertBadInput(() -> new TaggingObjective(new Oracle(doubling, List.of()), doubling, 1, 2, 0, 2),
                "doubling", "no longer than their inputs");
    }
}

package newarch.train;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import newarch.data.Batch;
import newarch.data.Example;
import newarch.data.LengthRange;
import newarch.data.SequenceTask;
import newarch.data.Vocabulary;
import newarch.decode.GreedyDecoder;
import newarch.decode.Hypothesis;
import newarch.models.SequenceToSequence;
import newarch.tensor.GradMode;
import newarch.tensor.NativeMemory;
import newarch.tensor.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Training an encoder–decoder on a {@link SequenceTask} with teacher forcing: the decoder reads BOS y and is scored
 * on predicting y EOS at every position at once (cross-entropy with label smoothing, PAD ignored), plus the model's
 * auxiliary loss when it has one. Evaluation decodes greedily, as the model would be used, on two held-out sets: the
 * training lengths ({@code test.*}) and the longer test lengths ({@code longer.*}).
 */
public final class SequenceToSequenceObjective implements TrainingObjective {
    private static final int EVAL_CHUNK = 128;

    private final SequenceToSequence model;
    private final SequenceTask task;
    private final long seed;
    private final int batchSize;
    private final CrossEntropy trainingLoss;
    private final CrossEntropy plainLoss = new CrossEntropy(0, Vocabulary.PAD, CrossEntropy.Reduction.SUM);
    private final Map<String, LengthRange> testSets = new LinkedHashMap<>();
    private final Map<String, List<Example>> testExamples = new LinkedHashMap<>();
    private final int evalSize;

    /**
     * @param seed     picks the training batches and the test sets (the model's own seed is separate)
     * @param evalSize examples per test set
     */
    public SequenceToSequenceObjective(SequenceToSequence model, SequenceTask task, long seed, int batchSize,
                                       double labelSmoothing, int evalSize) {
        if (batchSize < 1 || evalSize < 1) {
            throw new IllegalArgumentException("batch size " + batchSize + " and eval size " + evalSize
                    + " must be positive");
        }
        this.model = model;
        this.task = task;
        this.seed = seed;
        this.batchSize = batchSize;
        this.evalSize = evalSize;
        this.trainingLoss = new CrossEntropy(labelSmoothing, Vocabulary.PAD, CrossEntropy.Reduction.MEAN);
        testSets.put("test", task.trainLengths());
        testSets.put("longer", task.testLengths());
    }

    @Override
    public StepLoss loss(long step) {
        Batch batch = Batch.of(task.trainingBatch(seed, step, batchSize));
        SequenceToSequence.Output out = model.forward(batch.source(), batch.targetInput());
        Tensor ce = trainingLoss.loss(flatLogits(out.logits()), flat(batch.targetOutput()));
        Tensor aux = out.auxiliaryLoss();
        Tensor total = aux == null ? ce : ce.add(aux);
        return new StepLoss(total, ce.data().getDouble(0), aux == null ? 0 : aux.data().getDouble(0),
                batch.targetTokens(), batch.sourceTokens() + batch.targetTokens());
    }

    @Override
    public Map<String, Double> evaluate() {
        Map<String, Double> metrics = new LinkedHashMap<>();
        try (GradMode ignored = GradMode.off()) {
            testSets.forEach((name, lengths) -> {
                List<Example> set = testExamples.computeIfAbsent(name, n -> task.testSet(seed, lengths, evalSize));
                SequenceAccuracy accuracy = new SequenceAccuracy();
                double lossSum = 0;
                long lossTokens = 0;
                int maxLength = task.maxTargetLength(lengths) + 1;
                for (int from = 0; from < set.size(); from += EVAL_CHUNK) {
                    Batch batch = Batch.of(set.subList(from, Math.min(set.size(), from + EVAL_CHUNK)));
                    List<Hypothesis> predicted = GreedyDecoder.decode(model, batch.source(), maxLength);
                    for (int i = 0; i < batch.size(); i++) {
                        Hypothesis h = predicted.get(i);
                        accuracy.add(h.tokens(), h.finished(), batch.examples().get(i).target());
                    }
                    Tensor logits = model.forward(batch.source(), batch.targetInput()).logits();
                    lossSum += plainLoss.loss(flatLogits(logits), flat(batch.targetOutput())).data().getDouble(0);
                    lossTokens += batch.targetTokens();
                    NativeMemory.collectIfGrown();
                }
                metrics.put(name + ".exact", accuracy.exact());
                metrics.put(name + ".token_accuracy", accuracy.tokenAccuracy());
                metrics.put(name + ".loss", lossSum / lossTokens);
            });
        }
        return metrics;
    }

    /** [B, T, V] → [B·T, V], the layout cross-entropy takes. */
    static Tensor flatLogits(Tensor logits) {
        return logits.reshape(-1, logits.size(-1));
    }

    static INDArray flat(INDArray ids) {
        return ids.reshape('c', new long[] {ids.length()}); // not reshape(char, long...): 'c' would be a size
    }

    public SequenceTask task() {
        return task;
    }
}

package newarch.train;

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
import newarch.tensor.NativeMemory;
import newarch.tensor.Tensor;

/**
 * Training an encoder–decoder on a {@link SequenceTask} with teacher forcing: the decoder reads BOS y and is scored
 * on predicting y EOS at every position at once (cross-entropy with label smoothing, PAD ignored), plus the model's
 * auxiliary loss when it has one. Evaluation decodes greedily, as the model would be used, on two held-out sets: the
 * training lengths ({@code test.*}) and the longer test lengths ({@code longer.*}).
 */
public final class SequenceToSequenceObjective extends SyntheticTaskObjective {
    private static final int EVAL_CHUNK = 128;

    private final SequenceToSequence model;

    /**
     * @param seed     picks the training batches and the test sets (the model's own seed is separate)
     * @param evalSize examples per test set
     */
    public SequenceToSequenceObjective(SequenceToSequence model, SequenceTask task, long seed, int batchSize,
                                       double labelSmoothing, int evalSize) {
        super(task, seed, batchSize, labelSmoothing, evalSize, Vocabulary.PAD);
        this.model = model;
    }

    @Override
    public StepLoss loss(long step) {
        Batch batch = Batch.of(trainingBatch(step));
        SequenceToSequence.Output out = model.forward(batch.source(), batch.targetInput());
        Tensor ce = trainingLoss.sequenceLoss(out.logits(), batch.targetOutput());
        Tensor aux = out.auxiliaryLoss();
        Tensor total = aux == null ? ce : ce.add(aux);
        return new StepLoss(total, ce.data().getDouble(0), aux == null ? 0 : aux.data().getDouble(0),
                batch.targetTokens(), batch.sourceTokens() + batch.targetTokens());
    }

    @Override
    protected Map<String, Double> score(List<Example> set, LengthRange lengths) {
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
            lossSum += plainLoss.sequenceLoss(logits, batch.targetOutput()).data().getDouble(0);
            lossTokens += batch.targetTokens();
            NativeMemory.collectIfGrown();
        }
        return metrics(accuracy.exact(), accuracy.tokenAccuracy(), lossSum / lossTokens);
    }
}

package newarch.train;

import java.util.List;
import java.util.Map;
import newarch.data.Example;
import newarch.data.LengthRange;
import newarch.data.SequenceTask;
import newarch.data.Vocabulary;
import newarch.models.SequenceTagger;
import newarch.tensor.NativeMemory;
import newarch.tensor.Tensor;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Training a {@link SequenceTagger} on a {@link SequenceTask} as per-position labelling, as the Shuffle-Exchange papers
 * train their algorithmic tasks: the answer is written under the input, from position 0, and every later position of
 * the input is labelled PAD ("nothing here"). The loss is cross-entropy over all positions of each input (PAD labels
 * included: predicting where the answer ends is part of the task); only the batch padding beyond an input's end is
 * ignored. A task whose answer is longer than its input cannot be labelled and is refused.
 *
 * <p>Evaluation takes the arg-max at every position (no decoding loop) on held-out sets of the training lengths
 * ({@code test.*}) and of the longer test lengths ({@code longer.*}): {@code exact} counts inputs labelled right at
 * every position, {@code token_accuracy} the positions. {@link #exactByLength} gives one number per length.
 */
public final class TaggingObjective extends SyntheticTaskObjective {
    /** The label of batch padding: ignored by the loss and by the accuracies. */
    static final long IGNORED = -1;
    private static final int EVAL_CHUNK = 128;

    private final SequenceTagger model;

    public TaggingObjective(SequenceTagger model, SequenceTask task, long seed, int batchSize, double labelSmoothing,
                            int evalSize) {
        super(task, seed, batchSize, labelSmoothing, evalSize, IGNORED);
        for (LengthRange r : List.of(task.trainLengths(), task.testLengths())) {
            if (task.maxTargetLength(r) > task.maxSourceLength(r)) {
                throw new IllegalArgumentException("task '" + task.name() + "' has answers of up to "
                        + task.maxTargetLength(r) + " tokens for inputs of up to " + task.maxSourceLength(r)
                        + " at lengths " + r + ": a tagger needs answers no longer than their inputs");
            }
        }
        this.model = model;
    }

    /** Inputs [B, L] (PAD on the right) and labels [B, L] (answer, then PAD, then {@link #IGNORED}), both int64. */
    public record Labelled(INDArray inputs, INDArray labels, List<Example> examples) {
        public static Labelled of(List<Example> examples) {
            int len = examples.stream().mapToInt(Example::sourceLength).max().orElseThrow();
            long[][] x = new long[examples.size()][len];
            long[][] y = new long[examples.size()][len];
            for (int i = 0; i < examples.size(); i++) {
                int[] source = examples.get(i).source();
                int[] target = examples.get(i).target();
                if (target.length > source.length) {
                    throw new IllegalArgumentException("example " + examples.get(i) + " has an answer of "
                            + target.length + " tokens for an input of " + source.length + ": it cannot be labelled");
                }
                for (int j = 0; j < len; j++) {
                    x[i][j] = j < source.length ? source[j] : Vocabulary.PAD;
                    y[i][j] = j < target.length ? target[j] : j < source.length ? Vocabulary.PAD : IGNORED;
                }
            }
            return new Labelled(Nd4j.createFromArray(x), Nd4j.createFromArray(y), List.copyOf(examples));
        }

        /** Labelled positions (all positions of all inputs). */
        long positions() {
            return examples.stream().mapToLong(Example::sourceLength).sum();
        }
    }

    @Override
    public StepLoss loss(long step) {
        Labelled batch = Labelled.of(trainingBatch(step));
        Tensor ce = trainingLoss.sequenceLoss(model.tag(batch.inputs()), batch.labels());
        return new StepLoss(ce, ce.data().getDouble(0), 0, batch.positions(), batch.positions());
    }

    @Override
    protected Map<String, Double> score(List<Example> set, LengthRange lengths) {
        Score s = tally(set);
        return metrics(s.exact(), s.tokenAccuracy(), s.loss());
    }

    /**
     * Exact accuracy for each length of {@code lengths} separately (each on its own held-out set of {@code perLength}
     * examples), in increasing length: the data of an "accuracy against length" plot.
     */
    public Map<Integer, Double> exactByLength(LengthRange lengths, int perLength) {
        return PerLengthAccuracy.byLength(model, lengths, perLength,
                length -> tally(task.testSet(seed, LengthRange.of(length, length), perLength)).exact());
    }

    /**
     * Exact and per-position accuracy and loss ({@code exact}, {@code token_accuracy}, {@code loss}) on a held-out
     * set of {@code count} examples with lengths from {@code lengths}, drawn as the evaluation draws its sets: e.g.
     * one point of an accuracy-against-length sweep beyond the run's own test lengths.
     */
    public Map<String, Double> scoreAt(LengthRange lengths, int count) {
        try (newarch.tensor.GradMode ignored = newarch.tensor.GradMode.off()) {
            return score(task.testSet(seed, lengths, count), lengths);
        }
    }

    private record Score(double exact, double tokenAccuracy, double loss) {
    }

    private Score tally(List<Example> set) {
        long exact = 0;
        long correct = 0;
        long positions = 0;
        double lossSum = 0;
        for (int from = 0; from < set.size(); from += EVAL_CHUNK) {
            Labelled batch = Labelled.of(set.subList(from, Math.min(set.size(), from + EVAL_CHUNK)));
            Tensor logits = model.tag(batch.inputs());                           // [B, L, V]
            INDArray predicted = logits.data().argMax(2).castTo(DataType.LONG); // [B, L]
            INDArray counted = batch.labels().neq(IGNORED).castTo(DataType.LONG);
            INDArray right = predicted.eq(batch.labels()).castTo(DataType.LONG).muli(counted);
            INDArray rightPerRow = right.sum(1);
            INDArray countedPerRow = counted.sum(1);
            exact += rightPerRow.eq(countedPerRow).castTo(DataType.LONG).sumNumber().longValue();
            correct += rightPerRow.sumNumber().longValue();
            positions += countedPerRow.sumNumber().longValue();
            lossSum += plainLoss.sequenceLoss(logits, batch.labels()).data().getDouble(0);
            NativeMemory.collectIfGrown();
        }
        return new Score((double) exact / set.size(), (double) correct / positions, lossSum / positions);
    }
}

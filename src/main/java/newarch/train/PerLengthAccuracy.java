package newarch.train;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import newarch.data.Batch;
import newarch.data.Example;
import newarch.data.LengthRange;
import newarch.data.SequenceTask;
import newarch.decode.GreedyDecoder;
import newarch.decode.Hypothesis;
import newarch.models.SequenceToSequence;
import newarch.nn.Module;
import newarch.tensor.GradMode;

/**
 * Exact-sequence accuracy of greedy decoding for each length of a range separately — the data of an "accuracy against
 * sequence length" plot. Each length gets its own held-out test set ({@link SequenceTask#testSet} with the range
 * {@code L..L}), so the numbers are comparable across models evaluated with the same seed.
 */
public final class PerLengthAccuracy {
    private PerLengthAccuracy() {
    }

    /**
     * @param perLength examples decoded at each length
     * @return length → exact-sequence accuracy, in increasing length
     */
    public static Map<Integer, Double> exactByLength(SequenceToSequence model, SequenceTask task, long seed,
                                                     LengthRange lengths, int perLength) {
        return byLength(model, lengths, perLength, length -> {
            LengthRange one = LengthRange.of(length, length);
            List<Example> set = task.testSet(seed, one, perLength);
            Batch batch = Batch.of(set);
            List<Hypothesis> predicted = GreedyDecoder.decode(model, batch.source(), task.maxTargetLength(one) + 1);
            SequenceAccuracy accuracy = new SequenceAccuracy();
            for (int i = 0; i < set.size(); i++) {
                accuracy.add(predicted.get(i).tokens(), predicted.get(i).finished(), set.get(i).target());
            }
            return accuracy.exact();
        });
    }

    /**
     * {@code accuracyAt} for each length of {@code lengths}, in increasing length, with the model in eval mode and no
     * gradient recording (its training mode is restored afterwards).
     */
    static Map<Integer, Double> byLength(Object model, LengthRange lengths, int perLength,
                                         java.util.function.IntToDoubleFunction accuracyAt) {
        if (perLength < 1) {
            throw new IllegalArgumentException("examples per length is " + perLength + " but must be positive");
        }
        Map<Integer, Double> out = new LinkedHashMap<>();
        boolean training = model instanceof Module m && m.isTraining();
        if (model instanceof Module m) {
            m.eval();
        }
        try (GradMode ignored = GradMode.off()) {
            for (int length = lengths.min(); length <= lengths.max(); length++) {
                out.put(length, accuracyAt.applyAsDouble(length));
            }
        } finally {
            if (training && model instanceof Module m) {
                m.train(true);
            }
        }
        return out;
    }
}

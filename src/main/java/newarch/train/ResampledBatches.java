package newarch.train;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Fine-tuning data: training batches drawn with replacement from a fixed list (batch t is a pure function of the seed
 * and t, which keeps runs reproducible and resumable) and the test examples in evaluation-sized chunks.
 */
final class ResampledBatches<T> {
    private static final int EVAL_BATCH = 64;

    private final List<T> train;
    private final List<T> test;
    private final int batchSize;
    private final long seed;

    /** @param what names the examples in the error, e.g. "sentences" */
    ResampledBatches(String what, List<T> train, List<T> test, int batchSize, long seed) {
        if (train.isEmpty() || test.isEmpty() || batchSize < 1) {
            throw new IllegalArgumentException("fine-tuning needs training (" + train.size() + ") and test ("
                    + test.size() + ") " + what + " and a positive batch size (" + batchSize + ")");
        }
        this.train = train;
        this.test = test;
        this.batchSize = batchSize;
        this.seed = seed;
    }

    List<T> training(long step) {
        SplittableRandom random = new SplittableRandom(CorpusLanguageModelObjective.stepSeed(seed, step));
        List<T> batch = new ArrayList<>(batchSize);
        for (int i = 0; i < batchSize; i++) {
            batch.add(train.get(random.nextInt(train.size())));
        }
        return batch;
    }

    /** Every test example once, in order, in chunks of at most 64. */
    List<List<T>> testChunks() {
        List<List<T>> out = new ArrayList<>();
        for (int from = 0; from < test.size(); from += EVAL_BATCH) {
            out.add(test.subList(from, Math.min(test.size(), from + EVAL_BATCH)));
        }
        return out;
    }

    int testSize() {
        return test.size();
    }

    int batchSize() {
        return batchSize;
    }
}

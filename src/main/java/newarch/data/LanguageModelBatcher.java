package newarch.data;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Batches for next-token prediction from one long stream of token ids: each row is a window of T tokens and its
 * targets are the same window shifted by one (input tokens t..t+T−1, targets t+1..t+T).
 *
 * <p>Training draws windows at random start positions (seeded, so a run can be repeated exactly); evaluation walks
 * the stream in order with non-overlapping windows so that each token is predicted once.
 */
public final class LanguageModelBatcher {
    private final int[] ids;
    private final int windowLength;
    private final SplittableRandom random;

    /**
     * @param ids          the token stream
     * @param windowLength T, the context the model sees; the stream must hold at least T + 1 tokens
     * @param seed         of the random start positions
     */
    public LanguageModelBatcher(int[] ids, int windowLength, long seed) {
        if (windowLength < 1) {
            throw new IllegalArgumentException("window length is " + windowLength + " but must be at least 1");
        }
        if (ids.length < windowLength + 1) {
            throw new IllegalArgumentException("token stream has " + ids.length + " tokens but a window of "
                    + windowLength + " needs at least " + (windowLength + 1) + " (inputs plus the shifted targets)");
        }
        this.ids = ids;
        this.windowLength = windowLength;
        this.random = new SplittableRandom(seed);
    }

    /** One batch of inputs and targets, tokens [batch, T] each as int64. */
    public record Batch(INDArray inputs, INDArray targets) {
        public long tokens() {
            return targets.length();
        }
    }

    /** {@code batchSize} windows at uniformly random start positions. */
    public Batch next(int batchSize) {
        requirePositive(batchSize);
        int[] starts = new int[batchSize];
        for (int b = 0; b < batchSize; b++) {
            starts[b] = random.nextInt(ids.length - windowLength); // start + T is still a valid target index
        }
        return batch(starts);
    }

    /**
     * The whole stream in order as non-overlapping windows (start 0, T, 2T, ...), {@code batchSize} windows per batch
     * (the last batch may have fewer rows). Fewer than T tokens at the very end are left out.
     */
    public List<Batch> sequential(int batchSize) {
        requirePositive(batchSize);
        int windows = (ids.length - 1) / windowLength;
        List<Batch> out = new ArrayList<>();
        for (int first = 0; first < windows; first += batchSize) {
            int rows = Math.min(batchSize, windows - first);
            int[] starts = new int[rows];
            for (int r = 0; r < rows; r++) {
                starts[r] = (first + r) * windowLength;
            }
            out.add(batch(starts));
        }
        return out;
    }

    private Batch batch(int[] starts) {
        long[][] inputs = new long[starts.length][windowLength];
        long[][] targets = new long[starts.length][windowLength];
        for (int r = 0; r < starts.length; r++) {
            for (int t = 0; t < windowLength; t++) {
                inputs[r][t] = ids[starts[r] + t];
                targets[r][t] = ids[starts[r] + t + 1];
            }
        }
        return new Batch(Nd4j.createFromArray(inputs), Nd4j.createFromArray(targets));
    }

    private static void requirePositive(int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size is " + batchSize + " but must be at least 1");
        }
    }

    public int windowLength() {
        return windowLength;
    }

    public int streamLength() {
        return ids.length;
    }
}

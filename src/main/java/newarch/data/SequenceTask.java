package newarch.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A synthetic sequence-to-sequence task with an exact answer (copy, reverse, sort, add), the standard test bed for
 * whether an architecture can learn an algorithm: train on short inputs, test on held-out inputs of the same lengths
 * and on longer ones.
 *
 * <p>Everything is a pure function of a seed. The training batch of step t is drawn from its own generator seeded by
 * (seed, t), so a run can stop and resume at any step and see exactly the batches it would have seen. A fixed tenth of
 * all inputs (chosen by a hash of the input) is held out: training never draws them and test sets are made of them
 * only, so test accuracy measures generalisation, not memory. Lengths too short to spare a tenth (fewer than
 * {@value #MIN_HELD_OUT_SPACE} possible inputs) are shared by training and testing.
 */
public abstract class SequenceTask {
    /** Below this many possible inputs of a length, holding a tenth out would leave gaps the model must never fill. */
    public static final long MIN_HELD_OUT_SPACE = 1000;
    private static final int HELD_OUT_BUCKETS = 10;
    private static final long TRAIN_SALT = 0x5EED_7A1AL;
    private static final long TEST_SALT = 0x7E57_5E7L;

    private final String name;
    private final Vocabulary vocabulary;
    private final LengthRange trainLengths;
    private final LengthRange testLengths;

    protected SequenceTask(String name, Vocabulary vocabulary, LengthRange trainLengths, LengthRange testLengths) {
        this.name = name;
        this.vocabulary = vocabulary;
        this.trainLengths = trainLengths;
        this.testLengths = testLengths;
    }

    /**
     * One example whose size (the task's own notion: symbols, or digits per operand) is drawn from {@code lengths}.
     */
    protected abstract Example generate(SplittableRandom random, LengthRange lengths);

    /** How many different inputs exist at this source length in tokens; used to decide what can be held out. */
    protected abstract double inputsOfSourceLength(int sourceTokens);

    /** The longest source in tokens that {@code lengths} can produce. */
    public abstract int maxSourceLength(LengthRange lengths);

    /** The longest target in tokens (without EOS) that {@code lengths} can produce. */
    public abstract int maxTargetLength(LengthRange lengths);

    public String name() {
        return name;
    }

    /** Source and target share one vocabulary (the reserved ids first). */
    public Vocabulary vocabulary() {
        return vocabulary;
    }

    public LengthRange trainLengths() {
        return trainLengths;
    }

    /** The longer lengths used to test length generalisation. */
    public LengthRange testLengths() {
        return testLengths;
    }

    /** An example of a length drawn from {@code lengths}. */
    public Example sample(SplittableRandom random, LengthRange lengths) {
        return generate(random, lengths);
    }

    /** Whether {@code example} belongs to the held-out tenth (never trained on). */
    public boolean isHeldOut(Example example) {
        int[] x = example.source();
        if (inputsOfSourceLength(x.length) < MIN_HELD_OUT_SPACE) {
            return false;
        }
        return Long.remainderUnsigned(mix(Arrays.hashCode(x)), HELD_OUT_BUCKETS) == 0;
    }

    /** The training examples of one step: a pure function of (seed, step), never held-out inputs. */
    public List<Example> trainingBatch(long seed, long step, int batchSize) {
        return trainingBatch(seed, step, batchSize, trainLengths);
    }

    /**
     * The training examples of one step with lengths drawn from {@code lengths} instead of the training lengths (a
     * length curriculum picks them per step); with the training lengths it is {@link #trainingBatch(long, long, int)}.
     */
    public List<Example> trainingBatch(long seed, long step, int batchSize, LengthRange lengths) {
        requirePositive("batch size", batchSize);
        if (lengths == null) {
            throw new IllegalArgumentException("training lengths are null but must be a range");
        }
        SplittableRandom random = new SplittableRandom(mix(mix(seed ^ TRAIN_SALT) + step));
        List<Example> out = new ArrayList<>(batchSize);
        while (out.size() < batchSize) {
            Example e = sample(random, lengths);
            if (!isHeldOut(e)) {
                out.add(e);
            }
        }
        return out;
    }

    /**
     * {@code count} held-out examples with lengths from {@code lengths} (the training lengths for an in-distribution
     * test, {@link #testLengths()} for length generalisation). Lengths too short to hold out are drawn as they come.
     */
    public List<Example> testSet(long seed, LengthRange lengths, int count) {
        requirePositive("test set size", count);
        long stream = mix(seed ^ TEST_SALT) + lengths.min() * 131L + lengths.max();  // one test set per range
        SplittableRandom random = new SplittableRandom(mix(stream));
        List<Example> out = new ArrayList<>(count);
        while (out.size() < count) {
            // The length first, then an input of that length: rejecting whole draws would over-represent the short
            // lengths, whose inputs are all accepted, against the long ones, of which only a tenth are held out.
            int length = lengths.draw(random);
            out.add(heldOutExample(random, LengthRange.of(length, length)));
        }
        return out;
    }

    /** An example of the single length in {@code length} that training never sees (when that length can spare it). */
    private Example heldOutExample(SplittableRandom random, LengthRange length) {
        while (true) {
            Example e = sample(random, length);
            if (isHeldOut(e) || inputsOfSourceLength(e.sourceLength()) < MIN_HELD_OUT_SPACE) {
                return e;
            }
        }
    }

    /** Token ids as text, one vocabulary token per id ("3+4" → "7"); reserved ids are shown by name. */
    public String render(int[] ids) {
        StringBuilder s = new StringBuilder();
        for (int id : ids) {
            s.append(vocabulary.token(id));
        }
        return s.toString();
    }

    /** SplitMix64's finaliser: turns nearby seeds and hashes into unrelated 64-bit values. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static void requirePositive(String what, int n) {
        if (n <= 0) {
            throw new IllegalArgumentException(what + " is " + n + " but must be positive");
        }
    }

    @Override
    public String toString() {
        return name + " (train lengths " + trainLengths + ", test lengths " + testLengths + ", vocabulary "
                + vocabulary.size() + ")";
    }
}

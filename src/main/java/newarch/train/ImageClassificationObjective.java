package newarch.train;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import newarch.data.images.ImageSet;
import newarch.models.ImageClassifier;
import newarch.tensor.GradMode;
import newarch.tensor.NativeMemory;
import newarch.tensor.ShapeException;
import newarch.tensor.Shapes;
import newarch.tensor.Tensor;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Training an {@link ImageClassifier} by cross-entropy on labelled images. The batches walk through the training
 * images in epochs, each epoch a fresh permutation drawn from (seed, epoch): every image is seen once per epoch, and
 * the batch of a step is a pure function of (seed, step), which keeps runs reproducible and resumable.
 *
 * <p>{@link #evaluate()} scores a fixed subset of {@code evalSize} test images, spread evenly over the test set (the
 * digit test set is ordered by class, so its first images would all be zeros): {@code test.accuracy} is the share
 * classified right, {@code test.loss} the mean cross-entropy. With {@code evalSize} ≥ the test set, all of it.
 */
public final class ImageClassificationObjective implements TrainingObjective {
    private static final int EVAL_CHUNK = 256;
    private static final long EPOCH_SALT = 0x5DEECE66DL;

    private final ImageClassifier model;
    private final ImageSet train;
    private final ImageSet testSubset;
    private final long seed;
    private final int batchSize;
    private final CrossEntropy trainingLoss;
    private final CrossEntropy plainLoss = new CrossEntropy(0, -1, CrossEntropy.Reduction.SUM);
    private long cachedEpoch = -1;
    private long[] cachedOrder;

    public ImageClassificationObjective(ImageClassifier model, ImageSet train, ImageSet test, long seed,
                                        int batchSize, double labelSmoothing, int evalSize) {
        if (batchSize < 1 || evalSize < 1) {
            throw new IllegalArgumentException("batch size " + batchSize + " and eval size " + evalSize
                    + " must be positive");
        }
        check(model, "training images", train);
        check(model, "test images", test);
        this.model = model;
        this.train = train;
        this.testSubset = test.select(evenlySpaced(test.size(), Math.min(evalSize, test.size())));
        this.seed = seed;
        this.batchSize = batchSize;
        this.trainingLoss = new CrossEntropy(labelSmoothing, -1, CrossEntropy.Reduction.MEAN);
    }

    /** The images must have the model's shape and the labels lie in 0..classes-1: one-line errors otherwise. */
    private static void check(ImageClassifier model, String what, ImageSet set) {
        long[] s = set.images().shape();
        long[] want = model.imageShape();
        if (s[1] != want[0] || s[2] != want[1] || s[3] != want[2]) {
            throw new ShapeException(what + " are " + Shapes.show(set.images()) + " but the model takes [N, "
                    + want[0] + ", " + want[1] + ", " + want[2] + "]");
        }
        long min = set.labels().minNumber().longValue();
        long max = set.labels().maxNumber().longValue();
        if (min < 0 || max >= model.numClasses()) {
            throw new IllegalArgumentException(what + " have labels " + min + ".." + max + " but the model has "
                    + model.numClasses() + " classes (labels 0.." + (model.numClasses() - 1) + ")");
        }
    }

    /** {@code count} indices spread evenly over 0..n-1 (all of them when count = n). */
    static long[] evenlySpaced(long n, long count) {
        long[] idx = new long[(int) count];
        for (int i = 0; i < count; i++) {
            idx[i] = i * n / count;
        }
        return idx;
    }

    /** The training images of {@code step} (counted from 1): positions (step-1)·B … step·B-1 of the epoch stream. */
    long[] batchIndices(long step) {
        long n = train.size();
        long[] idx = new long[batchSize];
        for (int j = 0; j < batchSize; j++) {
            long position = (step - 1) * batchSize + j;
            idx[j] = epochOrder(position / n)[(int) (position % n)];
        }
        return idx;
    }

    /** The permutation of the training images in {@code epoch}, a function of (seed, epoch) only. */
    private long[] epochOrder(long epoch) {
        if (epoch != cachedEpoch) {
            SplittableRandom random = new SplittableRandom((seed ^ EPOCH_SALT) * 0x9E3779B97F4A7C15L + epoch);
            long[] order = new long[(int) train.size()];
            Arrays.setAll(order, i -> i);
            for (int i = order.length - 1; i > 0; i--) {        // Fisher–Yates
                int j = random.nextInt(i + 1);
                long t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            cachedOrder = order;
            cachedEpoch = epoch;
        }
        return cachedOrder;
    }

    @Override
    public StepLoss loss(long step) {
        ImageSet batch = train.select(batchIndices(step));
        Tensor ce = trainingLoss.loss(model.classify(batch.images()), batch.labels());   // logits [B, classes]
        // An image counts as one "token": tokens_per_second of a run is then images per second.
        return new StepLoss(ce, ce.data().getDouble(0), 0, batchSize, batchSize);
    }

    @Override
    public Map<String, Double> evaluate() {
        long correct = 0;
        double lossSum = 0;
        long n = testSubset.size();
        try (GradMode ignored = GradMode.off()) {
            for (long from = 0; from < n; from += EVAL_CHUNK) {
                ImageSet chunk = n <= EVAL_CHUNK ? testSubset : testSubset.range(from, Math.min(n, from + EVAL_CHUNK));
                Tensor logits = model.classify(chunk.images());                          // [B, classes]
                INDArray predicted = logits.data().argMax(1).castTo(DataType.LONG);       // [B]
                correct += predicted.eq(chunk.labels()).castTo(DataType.LONG).sumNumber().longValue();
                lossSum += plainLoss.loss(logits, chunk.labels()).data().getDouble(0);
                NativeMemory.collectIfGrown();
            }
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("test.accuracy", (double) correct / n);
        metrics.put("test.loss", lossSum / n);
        return metrics;
    }

    /** The test images {@link #evaluate()} scores. */
    public ImageSet testSubset() {
        return testSubset;
    }
}

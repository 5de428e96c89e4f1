package newarch.embeddings;

import java.util.Locale;
import newarch.tensor.Rng;
import newarch.tensor.Tensor;
import newarch.train.Adam;
import newarch.train.LearningRateSchedule;
import newarch.train.ProgressBar;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Trains a {@link Cbow} with Adam on random mini-batches of (context, target) pairs, drawn with a seeded generator
 * so that a run is reproducible. Returns the loss of every step.
 */
public final class CbowTrainer {
    private final double learningRate;
    private final int batchSize;
    private final long seed;
    private boolean progress;

    public CbowTrainer(double learningRate, int batchSize, long seed) {
        if (!(learningRate > 0)) {
            throw new IllegalArgumentException("learningRate is " + learningRate + " but must be positive");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize is " + batchSize + " but must be at least 1");
        }
        this.learningRate = learningRate;
        this.batchSize = batchSize;
        this.seed = seed;
    }

    /** Draw a {@link ProgressBar} on standard output while training. */
    public CbowTrainer withProgressBar(boolean on) {
        this.progress = on;
        return this;
    }

    /** {@code steps} Adam updates on batches drawn from the windows of {@code ids}; the loss of each step. */
    public double[] train(Cbow model, int[] ids, int steps) {
        return train(model, CbowExamples.of(ids, model.window()), steps);
    }

    public double[] train(Cbow model, CbowExamples examples, int steps) {
        if (steps < 1) {
            throw new IllegalArgumentException("steps is " + steps + " but must be at least 1");
        }
        Adam adam = Adam.adam(model.parameters(), LearningRateSchedule.constant(learningRate));
        Rng rng = new Rng(seed);
        int n = Math.toIntExact(examples.size());
        double[] losses = new double[steps];
        ProgressBar bar = progress ? new ProgressBar("cbow", steps) : null;
        try {
            for (int s = 0; s < steps; s++) {
                int[] rows = new int[Math.min(batchSize, n)];
                for (int i = 0; i < rows.length; i++) {
                    rows[i] = rng.nextInt(n);
                }
                INDArray pick = Nd4j.createFromArray(rows);
                INDArray contexts = examples.contexts().getRows(rows);          // [B, 2w]
                INDArray targets = examples.targets().get(org.nd4j.linalg.indexing.NDArrayIndex.indices(
                        java.util.Arrays.stream(rows).asLongStream().toArray()));  // [B]
                adam.zeroGrad();
                Tensor loss = model.loss(contexts, targets.reshape(rows.length));
                loss.backward();
                adam.step();
                losses[s] = loss.data().getDouble(0);
                if (bar != null) {
                    bar.step(String.format(Locale.ROOT, "loss %.3f", losses[s]));
                }
            }
        } finally {
            if (bar != null) {
                bar.close();
            }
        }
        return losses;
    }
}

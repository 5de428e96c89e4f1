package newarch.tensor;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.impl.BernoulliDistribution;
import org.nd4j.linalg.api.ops.random.impl.GaussianDistribution;
import org.nd4j.linalg.api.ops.random.impl.UniformDistribution;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A seeded random source that draws on the ND4J backend (so it runs on the GPU too). Two generators made with
 * the same seed produce the same sequence, which is what makes training runs and notebooks reproducible.
 */
public final class Rng {
    private final long seed;
    private final Random random;

    public Rng(long seed) {
        this.seed = seed;
        this.random = Nd4j.getRandomFactory().getNewRandomInstance(seed);
    }

    public long seed() {
        return seed;
    }

    public INDArray uniform(DataType type, double low, double high, long... shape) {
        return Nd4j.getExecutioner().exec(new UniformDistribution(Nd4j.createUninitialized(type, shape), low, high), random);
    }

    public INDArray normal(DataType type, double mean, double std, long... shape) {
        return Nd4j.getExecutioner().exec(new GaussianDistribution(Nd4j.createUninitialized(type, shape), mean, std), random);
    }

    /** 1 with probability {@code p}, else 0. */
    public INDArray bernoulli(DataType type, double p, long... shape) {
        return Nd4j.getExecutioner().exec(new BernoulliDistribution(Nd4j.createUninitialized(type, shape), p), random);
    }

    /** A uniformly random integer in [0, bound), for shuffling and sampling on the host. */
    public int nextInt(int bound) {
        return random.nextInt(bound);
    }

    public double nextDouble() {
        return random.nextDouble();
    }

    /** The generator's position in its stream, saved with a checkpoint so a resumed run draws what it would have. */
    public long[] state() {
        return new long[] {random.rootState(), random.nodeState()};
    }

    /** Moves the generator to a position saved by {@link #state()}. */
    public void restore(long[] state) {
        if (state == null || state.length != 2) {
            throw new IllegalArgumentException("an Rng state is two numbers (root, node), got "
                    + (state == null ? "null" : state.length + ""));
        }
        random.setStates(state[0], state[1]);
    }
}

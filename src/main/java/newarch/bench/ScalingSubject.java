package newarch.bench;

import java.util.List;
import newarch.tensor.Tensor;

/**
 * One attention variant of {@code bench scaling}: how to build it at a sequence length, and how much memory a
 * forward + backward pass should need (to skip lengths over the budget before trying them). A new variant
 * (windowed attention, RSE, ...) is one more implementation registered in {@link ScalingSubjects}.
 */
public interface ScalingSubject {
    /** Short name used in bench.json and on the command line (no spaces). */
    String name();

    /** What is measured, for the table and the plot legend. */
    String description();

    /** The exponent k of the time the method should take, t ∝ L^k (2 for full attention, 1 for LSH). */
    double expectedExponent();

    /** Estimated peak bytes of one forward + backward at this length (float32). */
    long estimatedBytes(long length, long hidden);

    /** Builds the layer and its inputs for one length; nothing is computed yet. */
    Step prepare(int length, int hidden, long seed);

    /** One prepared configuration. */
    interface Step {
        /** The forward pass, its graph kept for backward. */
        Tensor forward();

        /** Tensors whose gradients accumulate (inputs and parameters), cleared between runs. */
        List<Tensor> leaves();
    }
}

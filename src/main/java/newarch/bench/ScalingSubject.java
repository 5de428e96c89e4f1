package newarch.bench;

import java.util.List;
import newarch.tensor.Rng;
import newarch.tensor.Tensor;
import org.nd4j.linalg.api.buffer.DataType;

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

    /** The longest length this subject is run at, as a power of two, whatever --max-log2 asks for. */
    default int longestLog2() {
        return 16;
    }

    /** Estimated peak bytes of one forward + backward at this length (float32). */
    long estimatedBytes(long length, long hidden);

    /** Builds the layer and its inputs for one length; nothing is computed yet. */
    Step prepare(int length, int hidden, long seed);

    /**
     * Self-attention of one head on random q, k, v [1, L, hidden] (the leaves), with {@code attend} as the layer:
     * the step of every subject that is an attention kernel rather than a whole layer.
     */
    static Step attentionStep(int length, int hidden, long seed, AttentionKernel attend) {
        Rng rng = new Rng(seed);
        Tensor q = Tensor.parameter(rng.normal(DataType.FLOAT, 0, 1, 1, length, hidden));
        Tensor k = Tensor.parameter(rng.normal(DataType.FLOAT, 0, 1, 1, length, hidden));
        Tensor v = Tensor.parameter(rng.normal(DataType.FLOAT, 0, 1, 1, length, hidden));
        return new Step() {
            @Override
            public Tensor forward() {
                return attend.apply(q, k, v);
            }

            @Override
            public List<Tensor> leaves() {
                return List.of(q, k, v);
            }
        };
    }

    /** q, k, v → the attention output. */
    interface AttentionKernel {
        Tensor apply(Tensor q, Tensor k, Tensor v);
    }

    /** One prepared configuration. */
    interface Step {
        /** The forward pass, its graph kept for backward. */
        Tensor forward();

        /** Tensors whose gradients accumulate (inputs and parameters), cleared between runs. */
        List<Tensor> leaves();

        /** True for inference: the forward pass runs without a graph and there is no backward pass. */
        default boolean forwardOnly() {
            return false;
        }
    }
}

package newarch.models.universal;

import java.util.function.UnaryOperator;
import newarch.nn.Module;
import newarch.tensor.Rng;
import newarch.tensor.ShapeException;
import newarch.tensor.Shapes;
import newarch.tensor.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Recurrence in depth: the same transition (one shared Transformer layer) applied again and again to the states of
 * all positions, with the coordinate embedding Pᵗ added before every step t. The two subclasses decide how many
 * steps each position takes: {@link FixedDepth} T for all, {@link AdaptiveComputationTime} a learned number each.
 */
public abstract class DepthRecurrence extends Module {
    protected final CoordinateEmbedding coordinates;

    protected DepthRecurrence(CoordinateEmbedding coordinates) {
        this.coordinates = coordinates;
    }

    /**
     * @param state      [batch, len, d] the initial state (the scaled embeddings)
     * @param active     [batch, len] 1 at real positions, 0 at padding (padding never ponders and costs nothing)
     * @param transition the shared layer: state with Pᵗ added [batch, len, d] → next state [batch, len, d]
     */
    public abstract Pondered forward(Tensor state, INDArray active, UnaryOperator<Tensor> transition);

    /** The recurrence a configuration asks for: ACT bounded by maxSteps, or exactly maxSteps fixed steps. */
    public static DepthRecurrence of(UniversalTransformerConfig c, CoordinateEmbedding coordinates, Rng rng) {
        return c.adaptive()
                ? new AdaptiveComputationTime(c.dModel(), c.maxSteps(), c.haltingEpsilon(), coordinates, rng)
                : new FixedDepth(c.maxSteps(), coordinates);
    }

    public CoordinateEmbedding coordinates() {
        return coordinates;
    }

    /** Checks the state against its mask before the loop starts, so a mistake is reported once and by name. */
    protected static void check(Tensor state, INDArray active) {
        Shapes.requireRank("state", state, 3);
        Shapes.requireFloating("state", state);
        if (active.rank() != 2 || active.size(0) != state.size(0) || active.size(1) != state.size(1)) {
            throw new ShapeException("active is " + Shapes.show(active) + " but the state is " + Shapes.show(state.data())
                    + ": the mask must be [batch, len] = " + Shapes.show(new long[] {state.size(0), state.size(1)}));
        }
    }
}

package newarch.models.universal;

import newarch.attention.PositionalEncoding;
import newarch.tensor.ShapeException;
import newarch.tensor.Shapes;
import newarch.tensor.Tensor;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The coordinate embedding of the Universal Transformer (§2.1): before recurrent step t the state of position i
 * receives Pᵗᵢ = PE(i) + PE(t), where PE is the sinusoidal table of "Attention Is All You Need" §3.5 used once over
 * positions and once over time steps. The layer is shared across steps; this signal is what tells it which step it
 * is taking. Steps count from 1 as in the paper. The tables are constants, not parameters.
 */
public final class CoordinateEmbedding {
    private static final double BASE = 10000;
    private final INDArray positions;   // [maxLength, d]
    private final INDArray timesteps;   // [maxSteps + 1, d]; row t is the signal of step t (row 0 is unused)

    public CoordinateEmbedding(int maxLength, int maxSteps, int dModel) {
        if (maxLength <= 0 || maxSteps <= 0 || dModel <= 0) {
            throw new IllegalArgumentException("maxLength " + maxLength + ", maxSteps " + maxSteps + " and d_model "
                    + dModel + " must be positive");
        }
        positions = PositionalEncoding.sinusoidal(maxLength, dModel, BASE, DataType.DOUBLE);
        timesteps = PositionalEncoding.sinusoidal(maxSteps + 1, dModel, BASE, DataType.DOUBLE);
    }

    /** Pᵗ for the first {@code length} positions: [length, d] of the given type. */
    public INDArray signal(int step, long length, DataType type) {
        if (step < 1 || step >= timesteps.size(0)) {
            throw new IllegalArgumentException("step is " + step + " but the timestep table covers steps 1.."
                    + (timesteps.size(0) - 1));
        }
        if (length < 1 || length > positions.size(0)) {
            throw new ShapeException("a sequence of " + length + " positions does not fit the position table of "
                    + positions.size(0) + " (maxLength)");
        }
        INDArray p = positions.get(NDArrayIndex.interval(0, length), NDArrayIndex.all()).dup('c');
        return p.addiRowVector(timesteps.getRow(step)).castTo(type);   // [length, d]
    }

    /** state + Pᵗ for a state [batch, length, d]. */
    public Tensor addTo(Tensor state, int step) {
        Shapes.requireRank("state", state, 3);
        Shapes.requireSize("state", state, 2, positions.size(1), "d_model");
        return state.add(Tensor.constant(signal(step, state.size(1), state.dataType())));
    }

    public int maxLength() {
        return (int) positions.size(0);
    }

    public int maxSteps() {
        return (int) timesteps.size(0) - 1;
    }
}

package newarch.models.universal;

import java.util.function.UnaryOperator;
import newarch.tensor.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The Universal Transformer without ACT: Hᵗ = Layer(Hᵗ⁻¹ + Pᵗ) for t = 1..T, every position updated T times.
 * With T equal to a Transformer's depth this is that Transformer with all its layers tied.
 */
public final class FixedDepth extends DepthRecurrence {
    private final int steps;

    public FixedDepth(int steps, CoordinateEmbedding coordinates) {
        super(coordinates);
        if (steps < 1 || steps > coordinates.maxSteps()) {
            throw new IllegalArgumentException("steps is " + steps + " but must be in 1.." + coordinates.maxSteps()
                    + " (the timestep table)");
        }
        this.steps = steps;
    }

    @Override
    public Pondered forward(Tensor state, INDArray active, UnaryOperator<Tensor> transition) {
        check(state, active);
        INDArray mask = active.castTo(state.dataType());
        Tensor h = state;
        for (int t = 1; t <= steps; t++) {
            h = transition.apply(coordinates.addTo(h, t));   // [batch, len, d]
        }
        INDArray updates = mask.mul(steps);                   // N = T everywhere, R = 0
        return new Pondered(h, Tensor.constant(updates.dup()), updates, mask, steps);
    }

    public int steps() {
        return steps;
    }
}

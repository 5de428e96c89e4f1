package newarch.models.universal;

import java.util.function.UnaryOperator;
import newarch.nn.Linear;
import newarch.tensor.Rng;
import newarch.tensor.Tensor;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Adaptive computation time per position (Graves 2016, as the Universal Transformer uses it, §2.2 and its listing).
 *
 * <p>Before each step a halting unit reads every position's state and gives a halting probability
 * pⁿ = σ(w·sⁿ + b). A position keeps pondering while its accumulated probability stays at or below the threshold
 * 1 − ε. At the step N where it would cross the threshold it halts and receives the remainder
 * R = 1 − Σ_{n&lt;N} pⁿ instead of pᴺ, so its weights sum to one. At step M ({@code maxSteps}) every position still
 * running is made to halt there with its remainder, as in Graves's bound on N.
 *
 * <p>The output is updated after every step as the weighted mix of the new and the previous output:
 * yⁿ = wⁿ·sⁿ⁺¹ + (1 − wⁿ)·yⁿ⁻¹ with wⁿ = pⁿ while running, R at the halting step and 0 afterwards, so a halted
 * position's output is copied unchanged to later steps. As in the paper's listing, the transition is still applied
 * to every position's state, so positions that keep pondering attend to states that keep being refined.
 *
 * <p>The ponder time of a position is ρ = N + R. The masks that record who is running or halting are constants:
 * the decision to halt is a step function with no gradient, while pⁿ (through the weights) and R (through the
 * weights and ρ) carry gradient into the halting unit, as in the paper.
 */
public final class AdaptiveComputationTime extends DepthRecurrence {
    /** tensor2tensor's initial halting bias: σ(1) ≈ 0.73, so a fresh model halts after about two steps. */
    public static final double HALTING_BIAS_INIT = 1.0;

    private final Linear haltingUnit;
    private final int maxSteps;
    private final double threshold;

    public AdaptiveComputationTime(long dModel, int maxSteps, double epsilon, CoordinateEmbedding coordinates, Rng rng) {
        super(coordinates);
        if (maxSteps < 1 || maxSteps > coordinates.maxSteps()) {
            throw new IllegalArgumentException("maxSteps is " + maxSteps + " but must be in 1.." + coordinates.maxSteps()
                    + " (the timestep table)");
        }
        if (!(epsilon > 0 && epsilon < 1)) {
            throw new IllegalArgumentException("epsilon is " + epsilon + " but must be in (0, 1): the threshold is 1 − ε");
        }
        this.haltingUnit = child("halting_unit", new Linear(dModel, 1, true, rng));
        haltingUnit.bias().data().assign(HALTING_BIAS_INIT);
        this.maxSteps = maxSteps;
        this.threshold = 1 - epsilon;
    }

    @Override
    public Pondered forward(Tensor state, INDArray active, UnaryOperator<Tensor> transition) {
        check(state, active);
        long b = state.size(0);
        long len = state.size(1);
        DataType type = state.dataType();
        INDArray mask = active.castTo(type).dup();
        INDArray running = mask.dup();                                  // [B, L] 1 while a position ponders
        INDArray updates = Nd4j.zeros(type, b, len);                    // N
        Tensor halting = Tensor.constant(Nd4j.zeros(type, b, len));     // Σ p so far (R added when halting)
        Tensor remainders = Tensor.constant(Nd4j.zeros(type, b, len));  // R
        Tensor output = Tensor.constant(Nd4j.zeros(type, state.shape()));
        Tensor s = state;
        int steps = 0;
        for (int n = 1; n <= maxSteps && running.sumNumber().doubleValue() > 0; n++) {
            Tensor x = coordinates.addTo(s, n);                                   // [B, L, d]
            Tensor p = haltingUnit.forward(x).sigmoid().reshape(b, len);          // [B, L]
            // Who halts now is decided on values only: these masks are constants of the graph.
            INDArray crossing = halting.data().add(p.data().mul(running)).gt(threshold).castTo(type);
            INDArray haltsNow = n == maxSteps ? running.dup() : crossing.muli(running);
            INDArray continues = running.sub(haltsNow);
            Tensor pContinuing = p.mul(Tensor.constant(continues));
            halting = halting.add(pContinuing);
            Tensor remainder = Tensor.constant(haltsNow).mul(halting.neg().add(1));  // 1 − Σ_{n<N} p where halting
            remainders = remainders.add(remainder);
            halting = halting.add(remainder);
            updates.addi(running);
            Tensor weight = pContinuing.add(remainder).reshape(b, len, 1);           // [B, L, 1]
            Tensor transformed = transition.apply(x);                                // [B, L, d]
            output = transformed.mul(weight).add(output.mul(weight.neg().add(1)));
            s = transformed;
            running = continues;
            steps = n;
        }
        Tensor ponderTime = remainders.add(Tensor.constant(updates));             // ρ = N + R
        return new Pondered(output, ponderTime, updates, mask, steps);
    }

    public Linear haltingUnit() {
        return haltingUnit;
    }

    public int maxSteps() {
        return maxSteps;
    }

    /** 1 − ε. */
    public double threshold() {
        return threshold;
    }
}

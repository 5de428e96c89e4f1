package newarch.models.universal;

import java.util.function.UnaryOperator;
import newarch.nn.Linear;
import newarch.tensor.Rng;
import newarch.tensor.Shapes;
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
            HaltingStep h = haltingStep(p, halting, Tensor.constant(running), threshold, n == maxSteps);
            halting = h.accumulated();
            remainders = remainders.add(h.remainder());
            updates.addi(running);
            Tensor weight = h.weight().reshape(b, len, 1);                        // [B, L, 1]
            Tensor transformed = transition.apply(x);                             // [B, L, d]
            output = transformed.mul(weight).add(output.mul(weight.neg().add(1)));
            s = transformed;
            running = h.running().data();
            steps = n;
        }
        Tensor ponderTime = remainders.add(Tensor.constant(updates));             // ρ = N + R
        return new Pondered(output, ponderTime, updates, mask, steps);
    }

    /**
     * The halting bookkeeping of one ACT step, for all positions at once ([batch, len] each).
     *
     * @param accumulated the new Σ of halting probabilities: + pⁿ where the position goes on, and topped up to exactly
     *                    1 with the remainder where it halts now (positions that halted earlier keep 1)
     * @param remainder   R = 1 − Σ_{n&lt;N} p where the position halts at this step, else 0
     * @param weight      the weight wⁿ of this step's state in the output: pⁿ if the position goes on, R if it halts
     *                    now, 0 if it halted before
     * @param running     1 where the position goes on pondering after this step, else 0 (a constant)
     */
    public record HaltingStep(Tensor accumulated, Tensor remainder, Tensor weight, Tensor running) {
    }

    /**
     * Who halts at this step and with which weight. A running position halts when Σ_{k&lt;n} pᵏ + pⁿ would exceed
     * the threshold 1 − ε, or at the last allowed step ({@code forced}); it then gets the remainder instead of pⁿ.
     * The halting decision is a step function of the values, so {@code running} is a constant; the gradient flows
     * through pⁿ and the remainder.
     *
     * @param p           [batch, len] this step's halting probabilities pⁿ
     * @param accumulated [batch, len] Σ of the earlier halting probabilities (1 at positions that already halted)
     * @param running     [batch, len] 1 at positions still pondering, 0 at halted ones and padding
     * @param threshold   1 − ε
     * @param forced      true at step M: every running position halts now
     */
    public static HaltingStep haltingStep(Tensor p, Tensor accumulated, Tensor running, double threshold,
                                          boolean forced) {
        Shapes.requireRank("p", p, 2);
        Shapes.requireFloating("p", p);
        Shapes.requireShape("accumulated", accumulated, p.shape());
        Shapes.requireShape("running", running, p.shape());
        if (!(threshold > 0 && threshold <= 1)) {
            throw new IllegalArgumentException("threshold is " + threshold + " but must be in (0, 1]: it is 1 − ε");
        }
        DataType type = p.dataType();
        INDArray run = running.data().castTo(type);
        // Who halts now is decided on values only: these masks are constants of the graph.
        INDArray crossing = accumulated.data().castTo(type).add(p.data().mul(run)).gt(threshold).castTo(type);
        INDArray haltsNow = forced ? run.dup() : crossing.muli(run);
        INDArray continues = run.sub(haltsNow);
        Tensor pContinuing = p.mul(Tensor.constant(continues));                    // pⁿ where the position goes on
        Tensor sum = accumulated.add(pContinuing);
        Tensor remainder = Tensor.constant(haltsNow).mul(sum.neg().add(1));        // 1 − Σ_{n<N} p where halting
        return new HaltingStep(sum.add(remainder), remainder, pContinuing.add(remainder), Tensor.constant(continues));
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

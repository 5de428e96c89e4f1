package newarch.models.universal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.function.UnaryOperator;
import newarch.tensor.Rng;
import newarch.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The ACT bookkeeping against values worked out by hand. The halting unit is made constant (weight 0, bias
 * logit 0.4), so pⁿ = 0.4 at every step, and the transition returns the constant n at its n-th call:
 * with threshold 0.99, Σp = 0.4, 0.8 and then 1.2 > 0.99, so a position halts at N = 3 with R = 1 − 0.8 = 0.2.
 */
class AdaptiveComputationTimeTest {
    private static final double TOL = 1e-12;

    private static AdaptiveComputationTime act(int maxSteps, double p) {
        AdaptiveComputationTime act = new AdaptiveComputationTime(2, maxSteps, 0.01,
                new CoordinateEmbedding(8, maxSteps, 2), new Rng(400));
        act.to(DataType.DOUBLE);
        act.haltingUnit().weight().data().assign(0);
        act.haltingUnit().bias().data().assign(Math.log(p / (1 - p)));
        return act;
    }

    /** Returns the constant n (every element) at its n-th call. */
    private static UnaryOperator<Tensor> countingTransition() {
        int[] calls = {0};
        return x -> Tensor.constant(Nd4j.valueArrayOf(x.shape(), (double) ++calls[0], DataType.DOUBLE));
    }

    /** One batch row of two positions; the second is padding. */
    private static Pondered run(AdaptiveComputationTime act) {
        Tensor state = Tensor.constant(Nd4j.zeros(DataType.DOUBLE, 1, 2, 2));
        INDArray active = Nd4j.createFromArray(new double[][] {{1, 0}});
        return act.forward(state, active, countingTransition());
    }

    @Test
    void haltsWhenTheAccumulatedProbabilityCrossesTheThreshold() {
        Pondered r = run(act(5, 0.4));
        // y¹ = 0.4·1; y² = 0.4·2 + 0.6·y¹ = 1.04; y³ = R·3 + (1 − R)·y² = 0.6 + 0.832
        assertEquals(1.432, r.output().data().getDouble(0, 0, 0), TOL);
        assertEquals(1.432, r.output().data().getDouble(0, 0, 1), TOL);
        assertEquals(3, r.updates().getDouble(0, 0), 0);
        assertEquals(0.2, r.remainders().getDouble(0, 0), TOL);
        assertEquals(3.2, r.ponderTime().data().getDouble(0, 0), TOL);
        assertEquals(3, r.steps(), "no step after the last position halted");
        assertEquals(3.2, r.meanPonderTime().data().getDouble(0), TOL, "the padded position is left out of the mean");
    }

    @Test
    void maxStepsForcesHaltingWithTheRemainder() {
        Pondered r = run(act(2, 0.4));
        // Forced at step 2: R = 1 − 0.4; y² = 0.6·2 + 0.4·0.4
        assertEquals(1.36, r.output().data().getDouble(0, 0, 0), TOL);
        assertEquals(2, r.updates().getDouble(0, 0), 0);
        assertEquals(2.6, r.ponderTime().data().getDouble(0, 0), TOL);
    }

    @Test
    void aConfidentFirstStepHaltsAtOnceWithTheWholeWeight() {
        Pondered r = run(act(5, 0.995));
        assertEquals(1.0, r.output().data().getDouble(0, 0, 0), TOL, "y¹ = R·s¹ with R = 1");
        assertEquals(1, r.updates().getDouble(0, 0), 0);
        assertEquals(2.0, r.ponderTime().data().getDouble(0, 0), TOL);
        assertEquals(1, r.steps());
    }

    @Test
    void paddingNeverPondersAndKeepsAZeroOutput() {
        Pondered r = run(act(5, 0.4));
        assertEquals(0, r.updates().getDouble(0, 1), 0);
        assertEquals(0, r.ponderTime().data().getDouble(0, 1), 0);
        assertEquals(0, r.output().data().getDouble(0, 1, 0), 0);
    }

    /**
     * ρ = N + R = 3 + 1 − p¹ − p², and N is a constant: dρ/db = −2·p(1 − p) = −0.48 through the remainder alone.
     * Forced at step 2, ρ = 2 + 1 − p¹ gives −0.24.
     */
    @Test
    void thePonderCostReachesTheHaltingUnitThroughTheRemainderOnly() {
        AdaptiveComputationTime act = act(5, 0.4);
        run(act).ponderTime().sumAll().backward();
        assertEquals(-0.48, act.haltingUnit().bias().grad().getDouble(0), TOL);
        AdaptiveComputationTime forced = act(2, 0.4);
        run(forced).ponderTime().sumAll().backward();
        assertEquals(-0.24, forced.haltingUnit().bias().grad().getDouble(0), TOL);
    }

    /** Each step receives its own coordinate signal: the state passed to step n is sⁿ⁻¹ + PE(pos) + PE(n). */
    @Test
    void everyStepSeesItsOwnTimestepSignal() {
        CoordinateEmbedding coordinates = new CoordinateEmbedding(8, 3, 2);
        AdaptiveComputationTime act = act(3, 0.1);
        INDArray[] seen = new INDArray[3];
        int[] calls = {0};
        act.forward(Tensor.constant(Nd4j.zeros(DataType.DOUBLE, 1, 1, 2)), Nd4j.ones(DataType.DOUBLE, 1, 1), x -> {
            seen[calls[0]++] = x.data().dup();
            return Tensor.constant(Nd4j.zeros(DataType.DOUBLE, x.shape()));
        });
        assertEquals(3, calls[0]);
        for (int n = 1; n <= 3; n++) {
            // Position 0 has PE = (sin 0, cos 0) = (0, 1); step n adds (sin n, cos n) for d = 2.
            assertEquals(Math.sin(n), seen[n - 1].getDouble(0, 0, 0), TOL);
            assertEquals(1 + Math.cos(n), seen[n - 1].getDouble(0, 0, 1), TOL);
            assertEquals(coordinates.signal(n, 1, DataType.DOUBLE).getDouble(0, 1), seen[n - 1].getDouble(0, 0, 1), TOL);
        }
    }
}

package newarch.models.universal;

import static newarch.tensor.ErrorAssert.assertBadInput;
import static newarch.tensor.GradAssert.assertGradients;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import newarch.models.universal.AdaptiveComputationTime.HaltingStep;
import newarch.tensor.ShapeException;
import newarch.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One halting step worked out by hand, threshold 0.99. Four positions: one that goes on (0.4 + 0.4 = 0.8), one that
 * crosses the threshold (0.8 + 0.4 = 1.2, so R = 0.2), one that halts at its first step (0.995 > 0.99, R = 1) and
 * one that halted before (it keeps Σ = 1 and gets weight 0).
 */
class HaltingStepTest {
    private static final double TOL = 1e-12;

    private static Tensor row(double... values) {
        return Tensor.constant(Nd4j.createFromArray(new double[][] {values}));
    }

    private static HaltingStep step(boolean forced) {
        return AdaptiveComputationTime.haltingStep(row(0.4, 0.4, 0.995, 0.3), row(0.4, 0.8, 0, 1), row(1, 1, 1, 0),
                0.99, forced);
    }

    private static void assertRow(double[] expected, Tensor actual) {
        assertArrayEquals(expected, actual.data().toDoubleVector(), TOL);
    }

    @Test
    void goesOnCrossesHaltsAtOnceOrStaysHalted() {
        HaltingStep h = step(false);
        assertRow(new double[] {0.8, 1, 1, 1}, h.accumulated());
        assertRow(new double[] {0, 0.2, 1, 0}, h.remainder());
        assertRow(new double[] {0.4, 0.2, 1, 0}, h.weight());
        assertRow(new double[] {1, 0, 0, 0}, h.running());
    }

    @Test
    void theLastAllowedStepHaltsEveryRunningPosition() {
        HaltingStep h = step(true);
        assertRow(new double[] {1, 1, 1, 1}, h.accumulated());
        assertRow(new double[] {0.6, 0.2, 1, 0}, h.remainder());
        assertRow(new double[] {0.6, 0.2, 1, 0}, h.weight());
        assertRow(new double[] {0, 0, 0, 0}, h.running());
    }

    /** Σ exactly at the threshold goes on: halting needs Σ > 1 − ε (0.5 + 0.25 = 0.75 is exact in binary). */
    @Test
    void exactlyAtTheThresholdGoesOn() {
        HaltingStep h = AdaptiveComputationTime.haltingStep(row(0.25), row(0.5), row(1), 0.75, false);
        assertRow(new double[] {1}, h.running());
        assertRow(new double[] {0.75}, h.accumulated());
    }

    /** Weights and remainders are differentiable in p and in the accumulated sum; the decisions are constants. */
    @Test
    void gradientsOfWeightsAndRemainders() {
        Tensor p = Tensor.parameter(Nd4j.createFromArray(new double[][] {{0.4, 0.3, 0.995, 0.6}, {0.2, 0.7, 0.5, 0.1}}));
        Tensor acc = Tensor.parameter(Nd4j.createFromArray(new double[][] {{0.4, 0.8, 0, 1}, {0.1, 0.5, 0.2, 0.3}}));
        Tensor running = Tensor.constant(Nd4j.createFromArray(new double[][] {{1, 1, 1, 0}, {1, 1, 1, 1}}));
        Tensor mix = Tensor.constant(Nd4j.createFromArray(new double[][] {{1, -2, 3, 0.5}, {-1, 2, 0.7, 1.5}}));
        assertGradients(in -> {
            HaltingStep h = AdaptiveComputationTime.haltingStep(in.get(0), in.get(1), running, 0.9, false);
            return h.weight().mul(mix).add(h.remainder().mul(2)).add(h.accumulated()).sumAll();
        }, List.of(p, acc));
    }

    @Test
    void badInputsAreNamed() {
        Tensor p = Tensor.constant(Nd4j.zeros(DataType.DOUBLE, 2, 3));
        assertThrows(ShapeException.class, () -> AdaptiveComputationTime.haltingStep(p,
                Tensor.constant(Nd4j.zeros(DataType.DOUBLE, 3, 2)), p, 0.99, false));
        assertThrows(ShapeException.class, () -> AdaptiveComputationTime.haltingStep(p, p,
                Tensor.constant(Nd4j.zeros(DataType.DOUBLE, 2)), 0.99, false));
        assertBadInput(() -> AdaptiveComputationTime.haltingStep(p, p, p, 1.5, false), "threshold", "1.5");
        assertThrows(ShapeException.class, () -> Pondered.meanPonderTime(p, Nd4j.zeros(DataType.DOUBLE, 3, 2)));
    }
}

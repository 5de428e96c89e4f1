package newarch.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import newarch.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

/** Optimiser updates against values worked out by hand from the published update rules. */
class OptimizerTest {
    private static Tensor param(double... v) {
        return Tensor.parameter(Nd4j.createFromArray(v));
    }

    private static void setGrad(Tensor p, double... g) {
        p.zeroGrad();
        p.mul(Tensor.constant(Nd4j.createFromArray(g))).sumAll().backward();
    }

    @Test
    void sgdWithMomentumAccumulatesVelocity() {
        Tensor p = param(1.0);
        Sgd sgd = new Sgd(List.of(p), LearningRateSchedule.constant(0.1), 0.9, 0);
        setGrad(p, 2.0);
        sgd.step(); // v = 2, p = 1 - 0.2
        assertEquals(0.8, p.data().getDouble(0), 1e-12);
        setGrad(p, 2.0);
        sgd.step(); // v = 0.9*2 + 2 = 3.8, p = 0.8 - 0.38
        assertEquals(0.42, p.data().getDouble(0), 1e-12);
    }

    @Test
    void adamFirstStepMovesByLearningRate() {
        // With bias correction the first Adam step is lr·g/(|g| + ε) ≈ lr·sign(g).
        Tensor p = param(1.0, -1.0);
        Adam adam = Adam.adam(List.of(p), LearningRateSchedule.constant(0.01));
        setGrad(p, 3.0, -0.5);
        adam.step();
        assertEquals(0.99, p.data().getDouble(0), 1e-7);
        assertEquals(-0.99, p.data().getDouble(1), 1e-7);
    }

    @Test
    void adamWDecaysWeightsIndependentlyOfGradient() {
        Tensor p = param(2.0);
        Adam adamW = Adam.adamW(List.of(p), LearningRateSchedule.constant(0.1), 0.5);
        setGrad(p, 0.0);
        adamW.step(); // θ ← θ(1 − lr·λ) = 2·0.95, and a zero gradient adds nothing
        assertEquals(1.9, p.data().getDouble(0), 1e-7);
    }

    @Test
    void noamScheduleDrivesTheRate() {
        Tensor p = param(0.0);
        Sgd sgd = new Sgd(List.of(p), new NoamSchedule(512, 4000, 1.0), 0, 0);
        setGrad(p, 1.0);
        sgd.step();
        assertEquals(Math.pow(512, -0.5) * Math.pow(4000, -1.5), sgd.lastRate(), 1e-15);
        NoamSchedule s = new NoamSchedule(512, 4000, 1.0);
        assertTrue(s.rate(4000) > s.rate(3999) && s.rate(4000) > s.rate(4001), "peak at the end of warm-up");
    }

    @Test
    void clippingRescalesToMaxNorm() {
        Tensor a = param(0.0, 0.0);
        Tensor b = param(0.0);
        setGrad(a, 3.0, 0.0);
        setGrad(b, 4.0);
        double before = GradClipping.clipGradNorm(List.of(a, b), 1.0);
        assertEquals(5.0, before, 1e-12);
        double after = Math.sqrt(Math.pow(a.grad().getDouble(0), 2) + Math.pow(b.grad().getDouble(0), 2));
        assertEquals(1.0, after, 1e-5);
    }

    @Test
    void badArgumentsAreNamed() {
        Tensor p = param(1.0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Adam(List.of(p), LearningRateSchedule.constant(1), 1.5, 0.9, 1e-8, 0, false));
        assertTrue(e.getMessage().contains("betas"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> GradClipping.clipGradNorm(List.of(p), 0));
    }
}

package newarch.train;

import static newarch.tensor.ErrorAssert.assertBadInput;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import newarch.tensor.Rng;
import newarch.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Adam's moments and step count survive a save and restore: the next update is the one that would have come. */
class OptimizerStateTest {
    private static Tensor param(long seed) {
        return Tensor.parameter(new Rng(seed).normal(DataType.FLOAT, 0, 1, 3, 2));
    }

    private static void gradientStep(Optimizer opt, Tensor p, int k) {
        opt.zeroGrad();
        p.matmul(Tensor.constant(new Rng(100 + k).normal(DataType.FLOAT, 0, 1, 2, 4))).pow(2).sumAll().backward();
        opt.step();
    }

    @Test
    void adamStateRoundTrips() {
        Tensor p = param(1);
        Adam a = Adam.adam(List.of(p), new NoamSchedule(1, 2, 0.1));
        for (int k = 0; k < 3; k++) {
            gradientStep(a, p, k);
        }
        Map<String, INDArray> state = a.stateDict(List.of("w"));
        assertEquals(List.of("exp_avg.w", "exp_avg_sq.w").stream().sorted().toList(),
                state.keySet().stream().sorted().toList());

        Tensor q = Tensor.parameter(p.data().dup());
        Adam b = Adam.adam(List.of(q), new NoamSchedule(1, 2, 0.1));
        b.loadStateDict(List.of("w"), state, a.stepCount());
        gradientStep(a, p, 3);
        gradientStep(b, q, 3);
        assertEquals(p.data(), q.data());
        assertEquals(a.lastRate(), b.lastRate(), 0.0);
        assertBadInput(() -> b.loadStateDict(List.of("w", "v"), state, 1), "1 parameters but 2 names");
        assertBadInput(() -> b.loadStateDict(List.of("w"), Map.of("exp_avg.w", param(2).data().reshape(6)), 1),
                "exp_avg.w is [6]");
    }
}

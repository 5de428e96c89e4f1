package newarch.models.shuffle;

import static newarch.tensor.ErrorAssert.assertBadInput;
import static newarch.tensor.GradAssert.assertModuleGradients;
import static newarch.tensor.GradAssert.normal;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import newarch.tensor.GradAssert;
import newarch.tensor.Rng;
import newarch.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

class SwitchUnitTest {
    @Test
    void gatedSwitchUnitGradient() {
        GatedSwitchUnit unit = GradAssert.randomized(new GatedSwitchUnit(4, new Rng(3)), new Rng(4), 0.5);
        assertEquals(List.of("reset1.weight", "reset1.bias", "reset2.weight", "reset2.bias", "candidate1.weight",
                "candidate1.bias", "candidate2.weight", "candidate2.bias", "update.weight", "update.bias"),
                List.copyOf(unit.namedParameters().keySet()));
        Tensor x = normal(new Rng(5), 2, 4, 4);
        assertArrayEquals(new long[] {2, 4, 4}, unit.forward(x).shape());
        assertModuleGradients(unit, in -> unit.forward(in.get(0)), x);
    }

    @Test
    void residualSwitchUnitGradient() {
        ResidualSwitchUnit unit = GradAssert.randomized(new ResidualSwitchUnit(2, new Rng(6)), new Rng(7), 0.5);
        assertEquals(List.of("residual", "expand.weight", "norm.weight", "norm.bias", "project.weight",
                "project.bias"), List.copyOf(unit.namedParameters().keySet()).stream().sorted(
                (a, b) -> order(a) - order(b)).toList());
        Tensor x = normal(new Rng(8), 2, 4, 2);
        assertModuleGradients(unit, in -> unit.forward(in.get(0)), x);
    }

    private static int order(String name) {
        return List.of("residual", "expand.weight", "norm.weight", "norm.bias", "project.weight", "project.bias")
                .indexOf(name);
    }

    @Test
    void swapHalfExchangesTheFirstHalvesOfThePair() {
        // one pair of m = 4: s1 = [1, 2, 3, 4], s2 = [5, 6, 7, 8] → [5, 6, 3, 4 | 1, 2, 7, 8]
        Tensor s = Tensor.constant(Nd4j.arange(1, 9).castTo(DataType.DOUBLE).reshape(1, 1, 8));
        assertEquals("[5.0, 6.0, 3.0, 4.0, 1.0, 2.0, 7.0, 8.0]",
                java.util.Arrays.toString(GatedSwitchUnit.swapHalf(s).data().reshape(8).toDoubleVector()));
    }

    @Test
    void gatedUnitWithSaturatedUpdateGateOnlyRoutes() {
        // u = σ(large) ≈ 1 makes the unit the fixed swap of half the features between the two inputs
        GatedSwitchUnit unit = new GatedSwitchUnit(2, new Rng(9));
        unit.to(DataType.DOUBLE);
        Tensor w = unit.namedParameters().get("update.weight");
        Tensor b = unit.namedParameters().get("update.bias");
        w.setData(Nd4j.zeros(DataType.DOUBLE, w.shape()));
        b.setData(Nd4j.valueArrayOf(b.shape(), 50.0, DataType.DOUBLE));
        Tensor x = Tensor.constant(Nd4j.arange(1, 9).castTo(DataType.DOUBLE).reshape(1, 4, 2));
        // pairs (1,2 | 3,4) and (5,6 | 7,8): first feature of each input swapped
        assertEquals("[3.0, 2.0, 1.0, 4.0, 7.0, 6.0, 5.0, 8.0]",
                java.util.Arrays.toString(unit.forward(x).data().reshape(8).toDoubleVector()));
    }

    @Test
    void residualUnitStartsWithResidualWeightNinetyPercent() {
        ResidualSwitchUnit unit = new ResidualSwitchUnit(3, new Rng(10));
        INDArrayAssert.allClose(unit.residualWeights().data(), 0.9, 1e-6);
        assertEquals(0.25 * Math.sqrt(0.19), ResidualSwitchUnit.CANDIDATE_SCALE, 1e-15);
    }

    @Test
    void badInput() {
        ResidualSwitchUnit rsu = new ResidualSwitchUnit(3, new Rng(11));
        assertBadInput(() -> rsu.forward(Tensor.constant(Nd4j.zeros(1, 4, 5))), "ResidualSwitchUnit", "[1,4,5]",
                "m = 3");
        assertBadInput(() -> rsu.forward(Tensor.constant(Nd4j.zeros(1, 6, 3))), "[1,6,3]", "power of two");
        assertBadInput(() -> new GatedSwitchUnit(3, new Rng(12)), "m is 3", "even");
        assertBadInput(() -> new ResidualSwitchUnit(0, new Rng(12)), "m is 0");
    }

    /** A tiny helper: every element of an array equals a value within a tolerance. */
    static final class INDArrayAssert {
        static void allClose(org.nd4j.linalg.api.ndarray.INDArray a, double value, double tol) {
            for (double v : a.castTo(DataType.DOUBLE).reshape(a.length()).toDoubleVector()) {
                assertEquals(value, v, tol);
            }
        }
    }
}

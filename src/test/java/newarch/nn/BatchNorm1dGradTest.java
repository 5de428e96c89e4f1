package newarch.nn;

import static newarch.tensor.GradAssert.assertModuleGradients;
import static newarch.tensor.GradAssert.normal;
import static newarch.tensor.GradAssert.randomized;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import newarch.tensor.GradMode;
import newarch.tensor.Rng;
import newarch.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

class BatchNorm1dGradTest {

    private static BatchNorm1d bn(boolean affine) {
        return randomized(new BatchNorm1d(3, 1e-5, 0.1, affine), new Rng(160), 1.0);
    }

    /** Moves the running statistics away from 0 and 1 with a few training batches. */
    private static void warmUp(BatchNorm1d bn, long... shape) {
        Rng rng = new Rng(161);
        try (GradMode ignored = GradMode.off()) {
            for (int i = 0; i < 5; i++) {
                bn.forward(Tensor.constant(rng.normal(DataType.DOUBLE, 1.5, 2.0, shape)));
            }
        }
        bn.eval();
    }

    @ParameterizedTest(name = "affine={0}")
    @ValueSource(booleans = {true, false})
    void trainingOnNC(boolean affine) {
        BatchNorm1d bn = bn(affine);
        assertTrue(bn.isTraining());
        assertModuleGradients(bn, in -> bn.forward(in.get(0)), normal(new Rng(162), 4, 3));
    }

    @ParameterizedTest(name = "affine={0}")
    @ValueSource(booleans = {true, false})
    void trainingOnNCL(boolean affine) {
        BatchNorm1d bn = bn(affine);
        assertModuleGradients(bn, in -> bn.forward(in.get(0)), normal(new Rng(163), 3, 3, 4));
    }

    @ParameterizedTest(name = "affine={0}")
    @ValueSource(booleans = {true, false})
    void evalOnNC(boolean affine) {
        BatchNorm1d bn = bn(affine);
        warmUp(bn, 6, 3);
        assertModuleGradients(bn, in -> bn.forward(in.get(0)), normal(new Rng(164), 4, 3));
    }

    @ParameterizedTest(name = "affine={0}")
    @ValueSource(booleans = {true, false})
    void evalOnNCL(boolean affine) {
        BatchNorm1d bn = bn(affine);
        warmUp(bn, 2, 3, 5);
        assertModuleGradients(bn, in -> bn.forward(in.get(0)), normal(new Rng(165), 3, 3, 4));
    }

    @Test
    void trainingUpdatesRunningStatisticsWithTheUnbiasedVariance() {
        BatchNorm1d bn = new BatchNorm1d(3, 1e-5, 0.1, true);
        bn.to(DataType.DOUBLE);
        Tensor x = normal(new Rng(166), 4, 3);
        bn.forward(x);
        INDArray mean = x.data().mean(0);
        INDArray unbiased = x.data().var(true, 0);
        assertEquals(0, mean.mul(0.1).sub(bn.runningMean()).amaxNumber().doubleValue(), 1e-12);
        assertEquals(0, unbiased.mul(0.1).add(0.9).sub(bn.runningVar()).amaxNumber().doubleValue(), 1e-12);
        assertEquals(1.0, bn.stateDict().get("num_batches_tracked").getDouble(0), 0);
    }

    @Test
    void evalNormalisesWithTheRunningStatistics() {
        BatchNorm1d bn = bn(true);
        warmUp(bn, 6, 3);
        Tensor x = normal(new Rng(167), 4, 3);
        INDArray rstd = Transforms.pow(bn.runningVar().add(1e-5), -0.5, true);
        INDArray w = bn.stateDict().get("weight");
        INDArray b = bn.stateDict().get("bias");
        INDArray expected = x.data().subRowVector(bn.runningMean()).mulRowVector(rstd).mulRowVector(w).addRowVector(b);
        assertEquals(0, expected.sub(bn.forward(x).data()).amaxNumber().doubleValue(), 1e-12);
    }
}

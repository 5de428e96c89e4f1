package newarch.tensor;

import static newarch.tensor.GradAssert.assertGradients;
import static newarch.tensor.GradAssert.normal;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class SoftmaxGradTest {
    private static final double NEG_INF = Double.NEGATIVE_INFINITY;

    /** Some -inf entries, but every row keeps at least two finite ones. */
    private static Tensor partialMask() {
        return Tensor.constant(Nd4j.createFromArray(new double[][] {
            {0, NEG_INF, 0, 0, 0},
            {0, 0, 0, NEG_INF, NEG_INF},
            {NEG_INF, 0, 0, 0, 0}}));
    }

    @ParameterizedTest(name = "axis {0}")
    @ValueSource(ints = {0, 1, 2, -1})
    void softmax(int axis) {
        Tensor x = normal(new Rng(70), 2, 3, 4);
        INDArray sums = Softmax.softmax(x, axis).data().sum(axis);
        assertEquals(0, sums.sub(1).amaxNumber().doubleValue(), 1e-12);
        assertGradients(in -> Softmax.softmax(in.get(0), axis), x);
    }

    @ParameterizedTest(name = "axis {0}")
    @ValueSource(ints = {0, 1, 2, -1})
    void logSoftmax(int axis) {
        Tensor x = normal(new Rng(71), 2, 3, 4);
        INDArray expected = org.nd4j.linalg.ops.transforms.Transforms.log(Softmax.softmax(x, axis).data(), true);
        assertEquals(0, expected.sub(Softmax.logSoftmax(x, axis).data()).amaxNumber().doubleValue(), 1e-12);
        assertGradients(in -> Softmax.logSoftmax(in.get(0), axis), x);
    }

    @Test
    void softmaxWithPartialMinusInfinityMask() {
        Tensor mask = partialMask();
        Tensor x = normal(new Rng(72), 3, 5);
        INDArray p = x.add(mask).softmax(-1).data();
        assertEquals(0.0, p.getDouble(1, 3), 0);
        assertEquals(3.0, p.sumNumber().doubleValue(), 1e-12);
        assertGradients(in -> in.get(0).add(mask).softmax(-1), x);
    }

    @Test
    void logSoftmaxWithPartialMinusInfinityMaskThroughExp() {
        Tensor mask = partialMask();
        assertGradients(in -> in.get(0).add(mask).logSoftmax(-1).exp(), normal(new Rng(73), 3, 5));
    }

    @Test
    void logSoftmaxWithMaskedEntriesSlicedAway() {
        // Column 4 is masked in rows 0 and 2 (not in row 1); slicing it away leaves only finite log-probabilities.
        Tensor mask = Tensor.constant(Nd4j.createFromArray(new double[][] {
            {0, 0, 0, 0, NEG_INF},
            {0, 0, 0, 0, 0},
            {0, 0, 0, 0, NEG_INF}}));
        assertGradients(in -> in.get(0).add(mask).logSoftmax(1).slice(1, 0, 4), normal(new Rng(74), 3, 5));
    }
}

package newarch.tensor;

import static newarch.tensor.GradAssert.assertGradients;
import static newarch.tensor.GradAssert.normal;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReductionsGradTest {

    @ParameterizedTest(name = "keepDims={0}")
    @ValueSource(booleans = {false, true})
    void sumOverOneAxis(boolean keepDims) {
        Tensor x = normal(new Rng(40), 2, 3, 4);
        assertArrayEquals(keepDims ? new long[] {2, 1, 4} : new long[] {2, 4}, Reductions.sum(x, keepDims, 1).shape());
        assertGradients(in -> Reductions.sum(in.get(0), keepDims, 1), x);
        assertGradients(in -> Reductions.sum(in.get(0), keepDims, -1), x);
    }

    @ParameterizedTest(name = "keepDims={0}")
    @ValueSource(booleans = {false, true})
    void sumOverTwoAxes(boolean keepDims) {
        Tensor x = normal(new Rng(41), 2, 3, 4);
        assertArrayEquals(keepDims ? new long[] {1, 3, 1} : new long[] {3}, Reductions.sum(x, keepDims, 0, 2).shape());
        assertGradients(in -> Reductions.sum(in.get(0), keepDims, 0, 2), x);
    }

    @ParameterizedTest(name = "keepDims={0}")
    @ValueSource(booleans = {false, true})
    void meanOverOneAxis(boolean keepDims) {
        Tensor x = normal(new Rng(42), 2, 3, 4);
        assertEquals(x.data().getDouble(0, 0, 0) / 2 + x.data().getDouble(1, 0, 0) / 2,
                Reductions.mean(x, keepDims, 0).data().getDouble(0), 1e-12);
        assertGradients(in -> Reductions.mean(in.get(0), keepDims, 0), x);
    }

    @ParameterizedTest(name = "keepDims={0}")
    @ValueSource(booleans = {false, true})
    void meanOverTwoAxes(boolean keepDims) {
        assertGradients(in -> Reductions.mean(in.get(0), keepDims, 1, -1), normal(new Rng(43), 2, 3, 4));
    }

    @Test
    void fluentKeepDimsVariants() {
        Tensor x = normal(new Rng(44), 2, 3, 4);
        assertGradients(in -> in.get(0).sumKeepDims(2).mul(in.get(0).meanKeepDims(0)), x);
    }

    @Test
    void sumAll() {
        Tensor x = normal(new Rng(45), 3, 4);
        assertEquals(x.data().sumNumber().doubleValue(), x.sumAll().data().getDouble(0), 1e-12);
        assertGradients(in -> in.get(0).sumAll(), x);
    }

    @Test
    void meanAll() {
        Tensor x = normal(new Rng(46), 3, 4);
        assertEquals(x.data().meanNumber().doubleValue(), x.meanAll().data().getDouble(0), 1e-12);
        assertGradients(in -> in.get(0).meanAll(), x);
    }

    @ParameterizedTest(name = "axis {0}")
    @ValueSource(ints = {0, 1, 2, -1})
    void max(int axis) {
        Tensor x = normal(new Rng(47), 2, 3, 4);
        Tensor m = Reductions.max(x, axis);
        assertEquals(1, m.size(axis));
        assertEquals(x.data().maxNumber().doubleValue(), m.data().maxNumber().doubleValue(), 0);
        assertGradients(in -> Reductions.max(in.get(0), axis), x);
    }
}

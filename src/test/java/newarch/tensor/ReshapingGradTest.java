package newarch.tensor;

import static newarch.tensor.GradAssert.assertGradients;
import static newarch.tensor.GradAssert.normal;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReshapingGradTest {

    @Test
    void reshape() {
        Tensor x = normal(new Rng(20), 2, 3, 4);
        assertArrayEquals(new long[] {6, 4}, x.reshape(6, 4).shape());
        assertGradients(in -> in.get(0).reshape(6, 4).mul(in.get(0).reshape(6, 4)), x);
    }

    @Test
    void reshapeWithInferredSize() {
        Tensor x = normal(new Rng(21), 2, 3, 4);
        assertArrayEquals(new long[] {4, 3, 2}, x.reshape(4, -1, 2).shape());
        assertGradients(in -> in.get(0).reshape(4, -1, 2).mul(3.0), x);
    }

    @Test
    void reshapeOfAPermutedTensor() {
        assertGradients(in -> in.get(0).permute(2, 0, 1).reshape(4, 6), normal(new Rng(22), 2, 3, 4));
    }

    @Test
    void permute() {
        Tensor x = normal(new Rng(23), 2, 3, 4);
        assertArrayEquals(new long[] {4, 2, 3}, x.permute(2, 0, 1).shape());
        assertEquals(x.data().getDouble(1, 2, 3), x.permute(2, 0, 1).data().getDouble(3, 1, 2));
        assertGradients(in -> in.get(0).permute(2, 0, 1), x);
    }

    @Test
    void permuteWithNegativeAxes() {
        assertGradients(in -> in.get(0).permute(-1, 0, -2), normal(new Rng(24), 2, 3, 4));
    }

    @Test
    void transpose() {
        Tensor x = normal(new Rng(25), 2, 3, 4);
        assertArrayEquals(new long[] {4, 3, 2}, x.transpose(0, 2).shape());
        assertGradients(in -> in.get(0).transpose(0, 2), x);
        assertGradients(in -> in.get(0).transpose(-1, -2), x);
    }

    @ParameterizedTest(name = "axis {0}")
    @ValueSource(ints = {0, 1, 2, -1})
    void slice(int axis) {
        Tensor x = normal(new Rng(26), 2, 3, 4);
        assertEquals(1, x.slice(axis, 1, 2).size(axis));
        assertGradients(in -> in.get(0).slice(axis, 1, 2), x);
    }

    @Test
    void sliceOfTheWholeRangeAndOverlappingSlices() {
        assertGradients(in -> Reshaping.concat(1, in.get(0).slice(1, 0, 3), in.get(0).slice(1, 1, 3).mul(2.0)),
                normal(new Rng(27), 2, 3, 4));
    }

    @ParameterizedTest(name = "axis {0}")
    @ValueSource(ints = {0, 1, 2, -1})
    void concat(int axis) {
        Rng rng = new Rng(28);
        long[] sa = {2, 3, 4};
        long[] sb = {2, 3, 4};
        int ax = axis < 0 ? axis + 3 : axis;
        sb[ax] = 1;
        Tensor a = normal(rng, sa);
        Tensor b = normal(rng, sb);
        Tensor c = normal(rng, sa);
        assertEquals(sa[ax] * 2 + 1, Reshaping.concat(axis, a, b, c).size(axis));
        assertGradients(in -> Reshaping.concat(axis, in.get(0), in.get(1), in.get(2).mul(in.get(2))), a, b, c);
    }

    @Test
    void concatWithAConstantPart() {
        Rng rng = new Rng(29);
        Tensor constant = Tensor.constant(normal(rng, 2, 2).data());
        assertGradients(in -> Reshaping.concat(0, constant, in.get(0)), normal(rng, 3, 2));
    }

    @Test
    void split() {
        Tensor x = normal(new Rng(30), 2, 3, 5);
        Tensor[] parts = Reshaping.split(x, 2, 1, 3, 1);
        assertEquals(3, parts.length);
        assertArrayEquals(new long[] {2, 3, 3}, parts[1].shape());
        assertGradients(in -> {
            Tensor[] p = Reshaping.split(in.get(0), -1, 1, 3, 1);
            return Reshaping.concat(2, p[1].mul(p[1]), p[0].mul(3.0), p[2].exp());
        }, x);
    }

    @ParameterizedTest(name = "axis {0}")
    @ValueSource(ints = {0, 1, 2, -1})
    void unsqueeze(int axis) {
        Tensor x = normal(new Rng(31), 3, 4);
        Tensor u = Reshaping.unsqueeze(x, axis);
        assertEquals(3, u.rank());
        assertEquals(1, u.size(axis));
        assertGradients(in -> Reshaping.unsqueeze(in.get(0), axis).mul(2.0), x);
    }

    @Test
    void expandFromTwoDimensions() {
        Tensor x = normal(new Rng(32), 3, 1);
        assertArrayEquals(new long[] {2, 3, 4}, Reshaping.expand(x, 2, 3, 4).shape());
        assertGradients(in -> Reshaping.expand(in.get(0), 2, 3, 4), x);
    }

    @Test
    void expandFromOneDimension() {
        assertGradients(in -> Reshaping.expand(in.get(0), 2, 3, 4), normal(new Rng(33), 4));
    }

    @Test
    void expandWithSizeOneInTheMiddle() {
        assertGradients(in -> Reshaping.expand(in.get(0), 2, 3, 4), normal(new Rng(34), 2, 1, 4));
    }
}

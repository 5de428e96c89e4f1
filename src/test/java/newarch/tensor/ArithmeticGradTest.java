package newarch.tensor;

import static newarch.tensor.GradAssert.assertGradients;
import static newarch.tensor.GradAssert.awayFromZero;
import static newarch.tensor.GradAssert.normal;
import static newarch.tensor.GradAssert.positive;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ArithmeticGradTest {

    /** Operand shapes and the broadcast result shape. */
    static Stream<Arguments> shapes() {
        return Stream.of(
                Arguments.of(new long[] {2, 3, 4}, new long[] {2, 3, 4}, new long[] {2, 3, 4}),
                Arguments.of(new long[] {2, 3, 4}, new long[] {4}, new long[] {2, 3, 4}),
                Arguments.of(new long[] {2, 3, 4}, new long[] {3, 1}, new long[] {2, 3, 4}),
                Arguments.of(new long[] {2, 3, 4}, new long[] {2, 1, 4}, new long[] {2, 3, 4}),
                Arguments.of(new long[] {4}, new long[] {2, 3, 4}, new long[] {2, 3, 4}),
                Arguments.of(new long[] {3, 1}, new long[] {2, 1, 4}, new long[] {2, 3, 4}));
    }

    @ParameterizedTest(name = "{0} + {1}")
    @MethodSource("shapes")
    void add(long[] a, long[] b, long[] out) {
        Rng rng = new Rng(1);
        Tensor x = normal(rng, a);
        Tensor y = normal(rng, b);
        assertArrayEquals(out, x.add(y).shape());
        assertGradients(in -> Arithmetic.add(in.get(0), in.get(1)), x, y);
    }

    @ParameterizedTest(name = "{0} - {1}")
    @MethodSource("shapes")
    void sub(long[] a, long[] b, long[] out) {
        Rng rng = new Rng(2);
        Tensor x = normal(rng, a);
        Tensor y = normal(rng, b);
        assertArrayEquals(out, x.sub(y).shape());
        assertGradients(in -> Arithmetic.sub(in.get(0), in.get(1)), x, y);
    }

    @ParameterizedTest(name = "{0} * {1}")
    @MethodSource("shapes")
    void mul(long[] a, long[] b, long[] out) {
        Rng rng = new Rng(3);
        Tensor x = normal(rng, a);
        Tensor y = normal(rng, b);
        assertArrayEquals(out, x.mul(y).shape());
        assertGradients(in -> Arithmetic.mul(in.get(0), in.get(1)), x, y);
    }

    @ParameterizedTest(name = "{0} / {1}")
    @MethodSource("shapes")
    void div(long[] a, long[] b, long[] out) {
        Rng rng = new Rng(4);
        Tensor x = normal(rng, a);
        Tensor y = awayFromZero(rng, b);
        assertArrayEquals(out, x.div(y).shape());
        assertGradients(in -> Arithmetic.div(in.get(0), in.get(1)), x, y);
    }

    @Test
    void mulWithAConstantOperandOnlyDifferentiatesTheParameter() {
        Rng rng = new Rng(5);
        Tensor c = Tensor.constant(rng.normal(org.nd4j.linalg.api.buffer.DataType.DOUBLE, 0, 1, 3, 1));
        assertGradients(in -> in.get(0).mul(c).div(Tensor.constant(c.data().add(3))), normal(rng, 2, 3, 4));
    }

    @Test
    void addScalar() {
        assertGradients(in -> Arithmetic.addScalar(in.get(0), 2.5), normal(new Rng(6), 3, 4));
    }

    @Test
    void mulScalar() {
        assertGradients(in -> Arithmetic.mulScalar(in.get(0), -1.75), normal(new Rng(7), 3, 4));
    }

    @Test
    void neg() {
        assertGradients(in -> in.get(0).neg(), normal(new Rng(8), 2, 5));
    }

    @ParameterizedTest(name = "x^{0}")
    @ValueSource(doubles = {2.0, 3.0, 0.5, -1.5, 2.7})
    void pow(double p) {
        assertGradients(in -> Arithmetic.pow(in.get(0), p), positive(new Rng(9), 3, 4));
    }

    @Test
    void powOfNegativeBaseWithIntegerExponent() {
        assertGradients(in -> Arithmetic.pow(in.get(0), 3), normal(new Rng(10), 3, 4));
    }
}

package newarch.nn;

import static newarch.tensor.GradAssert.assertModuleGradients;
import static newarch.tensor.GradAssert.normal;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import newarch.tensor.Rng;
import newarch.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

class LinearGradTest {

    private static Linear linear(boolean bias) {
        Linear lin = new Linear(4, 3, bias, new Rng(130));
        lin.to(DataType.DOUBLE);
        return lin;
    }

    @ParameterizedTest(name = "bias={0}")
    @ValueSource(booleans = {true, false})
    void threeDimensionalInput(boolean bias) {
        Linear lin = linear(bias);
        assertEquals(bias ? 2 : 1, lin.parameters().size());
        Tensor x = normal(new Rng(131), 2, 3, 4);
        assertArrayEquals(new long[] {2, 3, 3}, lin.forward(x).shape());
        assertModuleGradients(lin, in -> lin.forward(in.get(0)), x);
    }

    @ParameterizedTest(name = "bias={0}")
    @ValueSource(booleans = {true, false})
    void twoDimensionalInput(boolean bias) {
        Linear lin = linear(bias);
        assertModuleGradients(lin, in -> lin.forward(in.get(0)), normal(new Rng(132), 5, 4));
    }

    @ParameterizedTest(name = "bias={0}")
    @ValueSource(booleans = {true, false})
    void oneDimensionalInput(boolean bias) {
        Linear lin = linear(bias);
        Tensor x = normal(new Rng(133), 4);
        assertArrayEquals(new long[] {3}, lin.forward(x).shape());
        assertModuleGradients(lin, in -> lin.forward(in.get(0)), x);
    }

    @Test
    void computesXTimesWeightTransposedPlusBias() {
        Linear lin = linear(true);
        Tensor x = normal(new Rng(134), 2, 4);
        var expected = Nd4j.matmul(x.data(), lin.weight().data().transpose()).addRowVector(lin.bias().data());
        assertEquals(0, expected.sub(lin.forward(x).data()).amaxNumber().doubleValue(), 1e-12);
        assertNull(linear(false).bias());
    }

    @Test
    void parametersAreNamedLikePyTorch() {
        assertEquals(java.util.List.of("weight", "bias"), java.util.List.copyOf(linear(true).namedParameters().keySet()));
        assertArrayEquals(new long[] {3, 4}, linear(true).weight().shape());
    }
}

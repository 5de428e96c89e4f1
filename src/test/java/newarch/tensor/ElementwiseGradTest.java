package newarch.tensor;

import static newarch.tensor.GradAssert.assertGradients;
import static newarch.tensor.GradAssert.awayFromZero;
import static newarch.tensor.GradAssert.normal;
import static newarch.tensor.GradAssert.positive;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ElementwiseGradTest {

    @Test
    void exp() {
        assertGradients(in -> Elementwise.exp(in.get(0)), normal(new Rng(50), 3, 4));
    }

    @Test
    void log() {
        assertGradients(in -> Elementwise.log(in.get(0)), positive(new Rng(51), 3, 4));
    }

    @Test
    void sqrt() {
        assertGradients(in -> Elementwise.sqrt(in.get(0)), positive(new Rng(52), 3, 4));
    }

    @Test
    void tanh() {
        assertGradients(in -> Elementwise.tanh(in.get(0)), normal(new Rng(53), 3, 4));
    }

    @Test
    void sigmoid() {
        assertGradients(in -> Elementwise.sigmoid(in.get(0)), normal(new Rng(54), 3, 4));
    }

    @Test
    void relu() {
        Tensor x = awayFromZero(new Rng(55), 3, 4);
        assertEquals(0.0, Elementwise.relu(x).data().minNumber().doubleValue(), 0);
        assertGradients(in -> Elementwise.relu(in.get(0)), x);
    }

    @Test
    void gelu() {
        Tensor x = normal(new Rng(56), 3, 4);
        // gelu(1) = Φ(1) = 0.8413447460685429
        assertEquals(0.8413447460685429, Elementwise.gelu(Tensor.constant(
                org.nd4j.linalg.factory.Nd4j.scalar(1.0))).data().getDouble(0), 1e-12);
        assertGradients(in -> Elementwise.gelu(in.get(0)), x);
    }

    @Test
    void geluTanh() {
        assertGradients(in -> Elementwise.geluTanh(in.get(0)), normal(new Rng(57), 3, 4));
    }

    @Test
    void abs() {
        assertGradients(in -> Elementwise.abs(in.get(0)), awayFromZero(new Rng(58), 3, 4));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"relu", "gelu", "gelu_new", "gelu_tanh", "gelu_pytorch_tanh", "tanh", "sigmoid"})
    void namedActivation(String name) {
        assertGradients(in -> Elementwise.activation(name, in.get(0)), awayFromZero(new Rng(59), 3, 4));
    }

    @Test
    void chainOfElementwiseOps() {
        assertGradients(in -> in.get(0).tanh().mul(in.get(0).sigmoid()).add(in.get(0).exp().log()),
                normal(new Rng(60), 2, 5));
    }
}

package newarch.nn;

import static newarch.tensor.GradAssert.assertModuleGradients;
import static newarch.tensor.GradAssert.normal;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import newarch.tensor.Rng;
import newarch.tensor.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;

class FeedForwardGradTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"relu", "gelu"})
    void gradientWithRespectToInputAndBothLinears(String activation) {
        FeedForward ff = new FeedForward(4, 6, activation, 0.0, true, new Rng(170));
        ff.to(DataType.DOUBLE);
        assertEquals(java.util.List.of("linear1.weight", "linear1.bias", "linear2.weight", "linear2.bias"),
                java.util.List.copyOf(ff.namedParameters().keySet()));
        Tensor x = normal(new Rng(171), 2, 3, 4);
        assertArrayEquals(new long[] {2, 3, 4}, ff.forward(x).shape());
        assertModuleGradients(ff, in -> ff.forward(in.get(0)), x);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"relu", "gelu"})
    void withoutBias(String activation) {
        FeedForward ff = new FeedForward(4, 5, activation, 0.0, false, new Rng(172));
        ff.to(DataType.DOUBLE);
        assertEquals(2, ff.parameters().size());
        assertModuleGradients(ff, in -> ff.forward(in.get(0)), normal(new Rng(173), 3, 4));
    }
}

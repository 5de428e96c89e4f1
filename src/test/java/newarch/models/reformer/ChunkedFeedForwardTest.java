package newarch.models.reformer;

import static newarch.tensor.ErrorAssert.assertBadInput;
import static newarch.tensor.GradAssert.assertModuleGradients;
import static newarch.tensor.GradAssert.normal;
import static newarch.tensor.GradAssert.randomized;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import newarch.tensor.Rng;
import newarch.tensor.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.ndarray.INDArray;

class ChunkedFeedForwardTest {
    private static ChunkedFeedForward ff(int chunk, String act) {
        return randomized(new ChunkedFeedForward(Configs.model(List.of("lsh"), false, chunk, false, act),
                new Rng(5)), new Rng(6), 0.7);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"relu", "gelu", "gelu_new", "silu"})
    void chunkedEqualsUnchunkedInValueAndGradient(String act) {
        ChunkedFeedForward chunked = ff(2, act);
        ChunkedFeedForward whole = ff(0, act);
        INDArray upstream = new Rng(7).normal(org.nd4j.linalg.api.buffer.DataType.DOUBLE, 0, 1, 2, 6, 4);
        Tensor x1 = normal(new Rng(8), 2, 6, 4);
        Tensor x2 = Tensor.parameter(x1.data().dup());
        Tensor a = chunked.forward(x1);
        Tensor b = whole.forward(x2);
        assertTrue(a.data().equalsWithEps(b.data(), 1e-12));
        a.backward(upstream);
        b.backward(upstream);
        assertTrue(x1.grad().equalsWithEps(x2.grad(), 1e-12));
        List<Tensor> pa = chunked.parameters();
        List<Tensor> pb = whole.parameters();
        for (int i = 0; i < pa.size(); i++) {
            assertTrue(pa.get(i).grad().equalsWithEps(pb.get(i).grad(), 1e-12), "parameter " + i);
        }
    }

    @ParameterizedTest(name = "chunk {0}")
    @ValueSource(ints = {0, 1, 3})
    void gradient(int chunk) {
        ChunkedFeedForward f = ff(chunk, "gelu");
        assertModuleGradients(f, in -> f.forward(in.get(0)), normal(new Rng(9), 1, 6, 4));
    }

    @org.junit.jupiter.api.Test
    void lengthMustBeAMultipleOfTheChunk() {
        ChunkedFeedForward f = ff(4, "relu");
        assertBadInput(() -> f.forward(normal(new Rng(1), 1, 6, 4)), "chunk_size_feed_forward 4", "[1,6,4]");
        assertBadInput(() -> ff(0, "swiglu"), "swiglu");
    }
}

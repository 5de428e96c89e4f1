package newarch.nn;

import static newarch.tensor.GradAssert.assertModuleGradients;
import static newarch.tensor.GradAssert.normal;
import static newarch.tensor.GradAssert.randomized;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import newarch.tensor.Reshaping;
import newarch.tensor.Rng;
import newarch.tensor.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Finite-difference checks of the hand-written back-propagation through time, for the input, every parameter and
 * the initial state, through both the outputs and the final states.
 */
class RecurrentGradTest {

    static Recurrent network(String kind, RecurrentConfig config, long seed) {
        Recurrent net = kind.equals("gru") ? new GRU(config, new Rng(seed)) : new LSTM(config, new Rng(seed));
        return randomized(net, new Rng(seed + 1), 0.6);
    }

    /** Everything the network returns, flattened into one vector, so the check covers outputs and final states. */
    static Tensor everything(RecurrentOutput out) {
        Tensor all = Reshaping.concat(0, out.output().reshape(-1), out.hidden().reshape(-1));
        return out.cell() == null ? all : Reshaping.concat(0, all, out.cell().reshape(-1));
    }

    @ParameterizedTest(name = "{0} bidirectional={1}")
    @CsvSource({"gru, false", "gru, true", "lstm, false", "lstm, true"})
    void twoLayers(String kind, boolean bidirectional) {
        RecurrentConfig config = RecurrentConfig.of(3, 2).withLayers(2).withBidirectional(bidirectional);
        Recurrent net = network(kind, config, 400);
        Tensor x = normal(new Rng(402), 2, 3, 3);
        long width = bidirectional ? 4 : 2;
        assertArrayEquals(new long[] {2, 3, width}, net.forward(x).output().shape());
        assertArrayEquals(new long[] {bidirectional ? 4 : 2, 2, 2}, net.forward(x).hidden().shape());
        assertModuleGradients(net, in -> everything(net.forward(in.get(0))), x);
    }

    /** Padded sequences with their lengths, from a given initial state (also checked) in both directions. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"gru", "lstm"})
    void lengthsAndInitialState(String kind) {
        RecurrentConfig config = RecurrentConfig.of(2, 2).withBidirectional(true);
        Recurrent net = network(kind, config, 410);
        Rng rng = new Rng(411);
        Tensor x = normal(rng, 3, 4, 2);
        Tensor h0 = normal(rng, 2, 3, 2);
        Tensor c0 = normal(rng, 2, 3, 2);
        var lengths = Nd4j.createFromArray(4L, 1L, 2L);
        if (kind.equals("gru")) {
            assertModuleGradients(net, in -> everything(net.forward(in.get(0), RecurrentState.of(in.get(1)), lengths)),
                    x, h0);
        } else {
            assertModuleGradients(net, in -> everything(
                    net.forward(in.get(0), new RecurrentState(in.get(1), in.get(2)), lengths)), x, h0, c0);
        }
    }

    /** Time-major input without biases, and a single unbatched sequence. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"gru", "lstm"})
    void timeMajorWithoutBiasAndUnbatched(String kind) {
        RecurrentConfig config = RecurrentConfig.of(3, 2).withBias(false).withBatchFirst(false).withLayers(2);
        Recurrent net = network(kind, config, 420);
        Tensor x = normal(new Rng(421), 3, 2, 3);                 // [time, batch, input]
        assertModuleGradients(net, in -> everything(net.forward(in.get(0))), x);
        Tensor single = normal(new Rng(422), 4, 3);               // [time, input]
        RecurrentOutput out = net.forward(single);
        assertArrayEquals(new long[] {4, 2}, out.output().shape());
        assertArrayEquals(new long[] {2, 2}, out.hidden().shape());
        assertModuleGradients(net, in -> everything(net.forward(in.get(0))), single);
    }
}

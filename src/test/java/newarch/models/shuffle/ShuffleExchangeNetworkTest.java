package newarch.models.shuffle;

import static newarch.tensor.ErrorAssert.assertBadInput;
import static newarch.tensor.GradAssert.assertModuleGradients;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import newarch.models.shuffle.ShuffleExchangeConfig.Variant;
import newarch.tensor.GradAssert;
import newarch.tensor.Rng;
import newarch.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ShuffleExchangeNetworkTest {
    @ParameterizedTest(name = "{0}")
    @EnumSource(Variant.class)
    void gradientOfTheWholeTagger(Variant variant) {
        ShuffleExchangeNetwork net = GradAssert.randomized(
                new ShuffleExchangeNetwork(new ShuffleExchangeConfig(variant, 2, 2, 4), new Rng(30)), new Rng(31), 0.5);
        INDArray ids = Nd4j.createFromArray(new long[][] {{1, 3, 2}});       // length 3 → padded to n = 4
        Tensor weights = Tensor.constant(Nd4j.rand(DataType.DOUBLE, 1, 3, 4)); // a fixed projection of the logits
        assertArrayEquals(new long[] {1, 3, 4}, net.tag(ids).shape());
        assertModuleGradients(net, in -> net.tag(ids).mul(weights).sumAll());
    }

    @Test
    void switchApplicationsAreNLogN() {
        // n = 16 (k = 4), 2 blocks: blocks·2(k − 1) + 1 switch layers of n/2 pairs each
        ShuffleExchangeNetwork net = new ShuffleExchangeNetwork(new ShuffleExchangeConfig(Variant.RSE, 4, 2, 5),
                new Rng(32));
        net.tag(Nd4j.ones(DataType.LONG, 3, 13));
        assertEquals((2 * 2 * (4 - 1) + 1) * 16 / 2, net.switchApplications());
        net.resetSwitchApplications();
        // n = 128 (k = 7): the count grows as n log n
        net.tag(Nd4j.ones(DataType.LONG, 1, 100));
        assertEquals((2 * 2 * (7 - 1) + 1) * 128 / 2, net.switchApplications());
        // one block: the 2k − 1 stages of a Beneš network
        ShuffleExchangeNetwork one = new ShuffleExchangeNetwork(new ShuffleExchangeConfig(Variant.NSE, 4, 1, 5),
                new Rng(33));
        one.tag(Nd4j.ones(DataType.LONG, 2, 8));
        assertEquals((2 * 3 - 1) * 8 / 2, one.switchApplications());
    }

    @Test
    void sameWeightsRunOnAnyLength() {
        ShuffleExchangeNetwork net = new ShuffleExchangeNetwork(ShuffleExchangeConfig.named("rse-small", 6),
                new Rng(34));
        long params = net.parameterCount();
        for (int len : new int[] {1, 2, 5, 33}) {
            assertArrayEquals(new long[] {2, len, 6}, net.tag(Nd4j.ones(DataType.LONG, 2, len)).shape());
        }
        assertEquals(params, net.parameterCount());
    }

    @Test
    void rseTinyIsTheSmallRseWithOneBlock() {
        ShuffleExchangeConfig tiny = ShuffleExchangeConfig.named("rse-tiny", 6);
        assertEquals(new ShuffleExchangeConfig(Variant.RSE, 32, 1, 6), tiny);
        assertEquals(new ShuffleExchangeConfig(Variant.RSE, 32, 2, 6), ShuffleExchangeConfig.named("rse-small", 6));
        assertTrue(ShuffleExchangeConfig.names().containsAll(java.util.List.of("nse-small", "rse-small", "rse-tiny")));
        ShuffleExchangeNetwork net = new ShuffleExchangeNetwork(tiny, new Rng(37));
        net.tag(Nd4j.ones(DataType.LONG, 1, 16));
        assertEquals((2 * (4 - 1) + 1) * 16 / 2, net.switchApplications());
    }

    @Test
    void explicitPaddingEqualsImplicitPadding() {
        ShuffleExchangeNetwork net = new ShuffleExchangeNetwork(new ShuffleExchangeConfig(Variant.RSE, 4, 1, 5),
                new Rng(35));
        INDArray a = Nd4j.createFromArray(new long[][] {{1, 4, 3}});
        INDArray aWithPad = Nd4j.createFromArray(new long[][] {{1, 4, 3, 0}});
        // the same padded sequence, so the first three positions agree
        INDArray x = net.tag(a).data();
        INDArray y = net.tag(aWithPad).data().get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
                org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 3), org.nd4j.linalg.indexing.NDArrayIndex.all());
        assertEquals(x, y);
    }

    @Test
    void badInput() {
        ShuffleExchangeNetwork net = new ShuffleExchangeNetwork(new ShuffleExchangeConfig(Variant.RSE, 4, 1, 5),
                new Rng(36));
        assertBadInput(() -> net.tag(Nd4j.ones(DataType.FLOAT, 2, 3)), "tokens", "FLOAT", "[2,3]");
        assertBadInput(() -> net.tag(Nd4j.ones(DataType.LONG, 3)), "tokens", "[3]");
        assertBadInput(() -> net.network(Tensor.constant(Nd4j.zeros(1, 6, 4))), "[1,6,4]", "power of two");
        assertBadInput(() -> net.network(Tensor.constant(Nd4j.zeros(1, 8, 3))), "[1,8,3]", "m = 4");
        assertBadInput(() -> new ShuffleExchangeConfig(Variant.NSE, 5, 1, 5), "m is 5", "even");
        assertBadInput(() -> new ShuffleExchangeConfig(Variant.RSE, 4, 0, 5), "blocks 0");
        assertBadInput(() -> ShuffleExchangeConfig.named("rse-huge", 5), "rse-huge", "rse-small");
        assertBadInput(() -> Variant.parse("gru"), "gru", "nse or rse");
    }
}

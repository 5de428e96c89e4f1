package newarch.nn;

import static newarch.tensor.ErrorAssert.assertBadInput;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import newarch.tensor.GradMode;
import newarch.tensor.Rng;
import newarch.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ModuleStateDictTest {

    /** A container with a nested child, a buffer-carrying child and a child list. */
    static final class Net extends Module {
        final Linear fc;
        final BatchNorm1d bn;
        final ModuleList<Linear> heads;

        Net(Rng rng) {
            fc = child("fc", new Linear(3, 2, true, rng));
            bn = child("bn", new BatchNorm1d(2, 1e-5, 0.1, true));
            heads = child("heads", new ModuleList<>(2, i -> new Linear(2, 1, false, rng)));
        }
    }

    private static Net trained(long seed) {
        Net net = new Net(new Rng(seed));
        Rng rng = new Rng(seed + 1);
        try (GradMode ignored = GradMode.off()) {
            net.bn.forward(Tensor.constant(rng.normal(DataType.FLOAT, 1, 2, 5, 2)));
        }
        return net;
    }

    @Test
    void dottedNamesInRegistrationOrderParametersThenBuffers() {
        assertEquals(List.of("fc.weight", "fc.bias", "bn.weight", "bn.bias", "heads.0.weight", "heads.1.weight",
                "bn.running_mean", "bn.running_var", "bn.num_batches_tracked"), List.copyOf(trained(1).stateDict().keySet()));
        assertEquals(16, trained(1).parameterCount()); // fc 6+2, bn 2+2, heads 2+2
    }

    @Test
    void roundTripCopiesParametersAndNestedBuffers() {
        Net a = trained(1);
        Net b = new Net(new Rng(99));
        assertNotEquals(a.fc.weight().data(), b.fc.weight().data());
        b.loadStateDict(a.stateDict(), true);
        Map<String, INDArray> sa = a.stateDict();
        Map<String, INDArray> sb = b.stateDict();
        assertEquals(sa.keySet(), sb.keySet());
        sa.forEach((k, v) -> assertEquals(v, sb.get(k), k));
        assertEquals(a.bn.runningMean(), b.bn.runningMean());
        // Loaded values are copies: changing the source afterwards leaves the model alone.
        a.fc.weight().data().addi(1);
        assertNotEquals(a.fc.weight().data(), b.fc.weight().data());
    }

    @Test
    void strictLoadListsMissingAndUnexpectedKeys() {
        Net net = new Net(new Rng(2));
        Map<String, INDArray> state = new LinkedHashMap<>(trained(3).stateDict());
        state.remove("fc.bias");
        state.remove("bn.running_var");
        state.put("fc.extra", Nd4j.zeros(2));
        assertEquals("checkpoint keys do not fit the model: missing [bn.running_var, fc.bias] unexpected [fc.extra]",
                assertBadInput(() -> net.loadStateDict(state, true)));
    }

    @Test
    void nonStrictLoadIgnoresMissingAndUnexpectedKeys() {
        Net net = new Net(new Rng(2));
        Net source = trained(3);
        Map<String, INDArray> state = new LinkedHashMap<>(source.stateDict());
        state.remove("fc.bias");
        state.put("something.else", Nd4j.zeros(2));
        INDArray biasBefore = net.fc.bias().data().dup();
        assertDoesNotThrow(() -> net.loadStateDict(state, false));
        assertEquals(source.fc.weight().data(), net.fc.weight().data());
        assertEquals(biasBefore, net.fc.bias().data());
    }

    @Test
    void shapeMismatchIsAnErrorEvenWhenNotStrict() {
        Net net = new Net(new Rng(2));
        Map<String, INDArray> state = new LinkedHashMap<>(net.stateDict());
        state.put("fc.weight", Nd4j.zeros(DataType.FLOAT, 3, 2));
        assertBadInput(() -> net.loadStateDict(state, false), "fc.weight is [3,2] in the checkpoint but [2,3] here");
    }

    @Test
    void loadCastsToTheParameterType() {
        Net net = new Net(new Rng(4));
        net.to(DataType.DOUBLE);
        net.loadStateDict(trained(5).stateDict(), true);
        assertEquals(DataType.DOUBLE, net.fc.weight().dataType());
        assertEquals(DataType.DOUBLE, net.bn.runningMean().dataType());
    }

    @Test
    void trainAndEvalReachEveryChild() {
        Net net = new Net(new Rng(6));
        net.eval();
        assertFalse(net.bn.isTraining());
        assertFalse(net.heads.get(1).isTraining());
        net.train(true);
        assertTrue(net.fc.isTraining());
    }

    @Test
    void zeroGradClearsEveryParameter() {
        Net net = new Net(new Rng(7));
        net.to(DataType.DOUBLE);
        Tensor x = Tensor.constant(Nd4j.ones(DataType.DOUBLE, 4, 3));
        net.heads.get(0).forward(net.bn.forward(net.fc.forward(x))).sumAll().backward();
        assertTrue(net.fc.weight().grad() != null);
        net.zeroGrad();
        net.parameters().forEach(p -> assertEquals(null, p.grad(), p.name()));
    }
}

package newarch.nn;

import static newarch.tensor.ErrorAssert.assertBadInput;
import static newarch.tensor.GradAssert.assertGradients;
import static newarch.tensor.GradAssert.normal;
import static newarch.tensor.GradAssert.randomized;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import newarch.tensor.Rng;
import newarch.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** {@link GRU#cell}, the step written with autodiff ops, agrees with the fused sweep and has correct gradients. */
class GruCellTest {

    private static Tensor cell(GRU gru, Tensor x, Tensor h) {
        Map<String, Tensor> p = gru.namedParameters();
        return GRU.cell(x, h, p.get("weight_ih_l0"), p.get("weight_hh_l0"), p.get("bias_ih_l0"), p.get("bias_hh_l0"));
    }

    @Test
    void stepByStepEqualsTheFusedSweep() {
        GRU gru = randomized(new GRU(3, 4, new Rng(600)), new Rng(601), 0.6);
        Rng rng = new Rng(602);
        Tensor x = normal(rng, 2, 3, 3);                                  // [batch, time, input]
        Tensor h0 = normal(rng, 1, 2, 4);
        RecurrentOutput fused = gru.forward(x, h0);
        Tensor h = h0.reshape(2, 4);
        for (int t = 0; t < 3; t++) {
            h = cell(gru, x.slice(1, t, t + 1).reshape(2, 3), h);
            INDArray expected = fused.output().data().get(NDArrayIndex.all(), NDArrayIndex.point(t), NDArrayIndex.all());
            assertTrue(expected.equalsWithEps(h.data(), 1e-12), "step " + t + ": " + expected + " vs " + h.data());
        }
        assertTrue(fused.hidden().data().reshape(2, 4).equalsWithEps(h.data(), 1e-12));
    }

    @Test
    void withoutBiases() {
        GRU gru = randomized(new GRU(RecurrentConfig.of(2, 3).withBias(false), new Rng(603)), new Rng(604), 0.6);
        Rng rng = new Rng(605);
        Tensor x = normal(rng, 2, 1, 2);
        Map<String, Tensor> p = gru.namedParameters();
        Tensor h = GRU.cell(x.reshape(2, 2), Tensor.constant(org.nd4j.linalg.factory.Nd4j.zeros(
                org.nd4j.linalg.api.buffer.DataType.DOUBLE, 2, 3)), p.get("weight_ih_l0"), p.get("weight_hh_l0"), null, null);
        assertTrue(gru.forward(x).output().data().reshape(2, 3).equalsWithEps(h.data(), 1e-12));
    }

    @Test
    void gradients() {
        Rng rng = new Rng(606);
        assertGradients(in -> GRU.cell(in.get(0), in.get(1), in.get(2), in.get(3), in.get(4), in.get(5)),
                normal(rng, 2, 3), normal(rng, 2, 2), normal(rng, 6, 3), normal(rng, 6, 2), normal(rng, 6), normal(rng, 6));
    }

    @Test
    void badInputIsNamedWithItsShape() {
        Rng rng = new Rng(607);
        Tensor x = normal(rng, 2, 3);
        Tensor h = normal(rng, 2, 4);
        Tensor wih = normal(rng, 12, 3);
        Tensor whh = normal(rng, 12, 4);
        assertBadInput(() -> GRU.cell(x, h, normal(rng, 12, 2), whh, null, null), "weightIh is [12,2]", "[12,3]");
        assertBadInput(() -> GRU.cell(x, h, wih, normal(rng, 4, 12), null, null), "weightHh is [4,12]", "[12,4]");
        assertBadInput(() -> GRU.cell(x, normal(rng, 3, 4), wih, whh, null, null), "same batch size");
        assertBadInput(() -> GRU.cell(x, h, wih, whh, normal(rng, 4), null), "biasIh is [4]", "[12]");
        assertBadInput(() -> GRU.cell(normal(rng, 2, 1, 3), h, wih, whh, null, null), "x is [2,1,3]", "rank 2");
    }
}

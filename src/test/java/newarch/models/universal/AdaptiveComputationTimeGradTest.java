package newarch.models.universal;

import static newarch.tensor.GradAssert.assertGradients;
import static newarch.tensor.GradAssert.normal;
import static newarch.tensor.GradAssert.randomized;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import newarch.models.transformer.TransformerConfig;
import newarch.models.transformer.TransformerEncoderLayer;
import newarch.tensor.Reshaping;
import newarch.tensor.Rng;
import newarch.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Gradient check of the ACT block around a real (shared) encoder layer, in double: the output and the ponder times
 * ρ = N + R with respect to the initial state, every layer parameter and the halting unit. The threshold (ε = 0.1)
 * and the draws are such that the five real positions halt after 2, 3 and 4 (= M) steps and the padded one never
 * runs. The halting decisions are constants, so the finite differences see the same N as the backward pass as long
 * as no accumulated probability lies within ~1e-5 of the threshold, which holds for these draws (a flipped decision
 * would show as a relative error near 1, not a small one).
 */
class AdaptiveComputationTimeGradTest {
    static final int MAX_STEPS = 4;

    static TransformerEncoderLayer layer(long seed) {
        TransformerEncoderLayer layer = randomized(
                new TransformerEncoderLayer(new TransformerConfig(4, 2, 6, 0.0, "relu", 1e-5, true, true, 1, 1),
                        new Rng(seed)), new Rng(seed + 1), 0.5);
        layer.eval();
        return layer;
    }

    static AdaptiveComputationTime act(double epsilon, long seed) {
        AdaptiveComputationTime act = randomized(new AdaptiveComputationTime(4, MAX_STEPS, epsilon,
                new CoordinateEmbedding(8, MAX_STEPS, 4), new Rng(seed)), new Rng(seed + 1), 0.5);
        act.haltingUnit().bias().data().assign(-0.3);
        return act;
    }

    /** [2, 3]: the last position of the second row is padding. */
    static INDArray active() {
        return Nd4j.createFromArray(new double[][] {{1, 1, 1}, {1, 1, 0}});
    }

    @Test
    void actBlockAroundASharedEncoderLayer() {
        TransformerEncoderLayer layer = layer(500);
        AdaptiveComputationTime act = act(0.1, 502);
        INDArray active = active();
        INDArray padding = active.rsub(1);
        Tensor state = normal(new Rng(504), 2, 3, 4);
        Pondered probe = act.forward(state, active, h -> layer.forward(h, null, padding));
        TreeSet<Double> halting = new TreeSet<>();
        for (int i = 0; i < 5; i++) {
            halting.add(probe.updates().getDouble(i / 3, i % 3));
        }
        assertTrue(halting.size() >= 2, "positions should halt at different steps, N = " + probe.updates());
        assertTrue(halting.last() <= MAX_STEPS);

        List<Tensor> inputs = new ArrayList<>();
        inputs.add(state);
        inputs.addAll(layer.parameters());
        inputs.addAll(act.parameters());
        assertGradients(in -> {
            Pondered r = act.forward(in.get(0), active, h -> layer.forward(h, null, padding));
            return Reshaping.concat(0, r.output().reshape(24), r.ponderTime().reshape(6));
        }, inputs);
    }
}

package newarch.models.reformer;

import static newarch.tensor.GradAssert.assertGradients;
import static newarch.tensor.GradAssert.normal;
import static newarch.tensor.GradAssert.randomized;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import newarch.nn.Linear;
import newarch.tensor.Rng;
import newarch.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

class ReversibleBlockTest {
    /** Two Reformer layers (LSH with fixed rotations, then local), randomised, in double precision. */
    private static List<ReversibleLayer> layers() {
        ReformerConfig config = Configs.model(List.of("lsh", "local"), false, 2, false, "gelu");
        List<ReversibleLayer> layers = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            layers.add(randomized(new ReversibleLayer(config, i, new Rng(50 + i)), new Rng(60 + i), 0.4));
        }
        return layers;
    }

    private static List<ReversibleStep> steps(List<ReversibleLayer> layers, INDArray rotations) {
        List<ReversibleStep> steps = new ArrayList<>();
        layers.forEach(l -> steps.add(l.step(null, rotations)));
        return steps;
    }

    private static List<Tensor> parameters(List<ReversibleLayer> layers) {
        List<Tensor> ps = new ArrayList<>();
        layers.forEach(l -> ps.addAll(l.parameters()));
        return ps;
    }

    private static INDArray rotations() {
        return new Rng(70).normal(org.nd4j.linalg.api.buffer.DataType.DOUBLE, 0, 1, 2, 3, 2, 2);
    }

    /** Simple f and g (a tanh layer and a linear layer) checked against finite differences. */
    @Test
    void gradientOfASimpleBlockMatchesFiniteDifferences() {
        Linear f1 = randomized(new Linear(3, 3, true, new Rng(1)), new Rng(2), 0.8);
        Linear g1 = randomized(new Linear(3, 3, true, new Rng(3)), new Rng(4), 0.8);
        Linear f2 = randomized(new Linear(3, 3, false, new Rng(5)), new Rng(6), 0.8);
        List<ReversibleStep> steps = List.of(new ReversibleStep(x -> f1.forward(x).tanh(), g1::forward),
                new ReversibleStep(f2::forward, x -> x.sigmoid()));
        List<Tensor> params = new ArrayList<>();
        params.addAll(f1.parameters());
        params.addAll(g1.parameters());
        params.addAll(f2.parameters());
        List<Tensor> inputs = new ArrayList<>(List.of(normal(new Rng(7), 2, 3), normal(new Rng(8), 2, 3)));
        inputs.addAll(params);
        assertGradients(in -> ReversibleBlock.forward(steps, in.get(0), in.get(1), params), inputs);
    }

    /**
     * Reformer layers (LSH attention with fixed rotations, local attention, chunked feed-forward), with respect to
     * both streams; the parameters' gradients are compared with the stored composition below.
     */
    @Test
    void gradientOfReformerLayersMatchesFiniteDifferences() {
        List<ReversibleLayer> layers = layers();
        INDArray rotations = rotations();
        List<Tensor> params = parameters(layers);
        List<Tensor> inputs = List.of(normal(new Rng(80), 1, 8, 4), normal(new Rng(81), 1, 8, 4));
        assertGradients(in -> ReversibleBlock.forward(steps(layers, rotations), in.get(0), in.get(1), params),
                inputs);
    }

    /** The recomputing backward pass gives the same values and gradients as the stored-activation composition. */
    @Test
    void sameValuesAndGradientsAsTheOrdinaryComposition() {
        List<ReversibleLayer> layers = layers();
        INDArray rotations = rotations();
        List<Tensor> params = parameters(layers);
        INDArray x1 = new Rng(90).normal(org.nd4j.linalg.api.buffer.DataType.DOUBLE, 0, 1, 2, 8, 4);
        INDArray x2 = new Rng(91).normal(org.nd4j.linalg.api.buffer.DataType.DOUBLE, 0, 1, 2, 8, 4);
        INDArray upstream = new Rng(92).normal(org.nd4j.linalg.api.buffer.DataType.DOUBLE, 0, 1, 2, 8, 8);
        Function<Boolean, List<INDArray>> run = reversible -> {
            params.forEach(Tensor::zeroGrad);
            Tensor a = Tensor.parameter(x1.dup());
            Tensor b = Tensor.parameter(x2.dup());
            Tensor out = reversible ? ReversibleBlock.forward(steps(layers, rotations), a, b, params)
                    : ReversibleBlock.forwardStored(steps(layers, rotations), a, b);
            out.backward(upstream);
            List<INDArray> results = new ArrayList<>(List.of(out.data(), a.grad(), b.grad()));
            params.forEach(p -> results.add(p.grad().dup()));
            return results;
        };
        List<INDArray> rev = run.apply(true);
        List<INDArray> stored = run.apply(false);
        assertEquals(stored.size(), rev.size());
        for (int i = 0; i < rev.size(); i++) {
            INDArray r = rev.get(i);
            INDArray s = stored.get(i);
            assertNotNull(r);
            int k = i;
            assertTrue(r.equalsWithEps(s, 1e-9), () -> "result " + k + " differs: " + r + "\nvs\n" + s);
        }
    }

    /** The reversible op keeps no graph of its layers: the result's only parents are its inputs and parameters. */
    @Test
    void forwardPassStoresNoActivations() {
        List<ReversibleLayer> layers = layers();
        List<Tensor> params = parameters(layers);
        Tensor x = normal(new Rng(95), 1, 8, 4);
        Tensor out = ReversibleBlock.forward(steps(layers, rotations()), x, x, params);
        assertEquals("reversible", out.op());
        assertTrue(out.requiresGrad());
    }
}

package newarch.models.sandwich;

import static newarch.tensor.GradAssert.assertModuleGradients;
import static newarch.tensor.GradAssert.randomized;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import newarch.tensor.Rng;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Gradients of a sandwich language model, sᵏ(sf)ⁿ⁻ᵏfᵏ with n = 2, k = 1 ("ssff"), with respect to every
 * parameter (tied embedding, both attention and both feed-forward sublayers, their norms, the final norm).
 * Post-norm sublayers run the same {@code Residual} that TransformerLayerGradTest checks in both orders.
 */
class SandwichGradTest {

    @Test
    void everyParameterOfASandwich() {
        SandwichConfig c = new SandwichConfig(5, 4, 4, 2, 4, SublayerOrder.sandwich(2, 1), true, 0, "gelu", 1e-5);
        SandwichTransformer m = randomized(new SandwichTransformer(c, new Rng(810)), new Rng(811), 0.5);
        m.eval();
        INDArray tokens = Nd4j.createFromArray(new long[][] {{1, 4, 0}, {3, 2, 2}});
        assertArrayEquals(new long[] {2, 3, 5}, m.logits(tokens).shape());
        assertModuleGradients(m, in -> m.logits(tokens));
    }
}

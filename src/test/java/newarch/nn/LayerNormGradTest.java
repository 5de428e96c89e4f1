package newarch.nn;

import static newarch.tensor.GradAssert.assertModuleGradients;
import static newarch.tensor.GradAssert.normal;
import static newarch.tensor.GradAssert.randomized;
import static org.junit.jupiter.api.Assertions.assertEquals;

import newarch.tensor.Rng;
import newarch.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.ndarray.INDArray;

class LayerNormGradTest {

    private static LayerNorm norm(long[] shape, boolean affine, boolean bias) {
        return randomized(new LayerNorm(shape, 1e-5, affine, bias), new Rng(150), 1.0);
    }

    @ParameterizedTest(name = "affine={0} bias={1}")
    @CsvSource({"true,true", "true,false", "false,false"})
    void oneNormalisedDimension(boolean affine, boolean bias) {
        LayerNorm ln = norm(new long[] {4}, affine, bias);
        assertEquals(affine ? (bias ? 2 : 1) : 0, ln.parameters().size());
        assertModuleGradients(ln, in -> ln.forward(in.get(0)), normal(new Rng(151), 2, 3, 4));
    }

    @ParameterizedTest(name = "affine={0} bias={1}")
    @CsvSource({"true,true", "true,false", "false,false"})
    void twoNormalisedDimensions(boolean affine, boolean bias) {
        LayerNorm ln = norm(new long[] {3, 4}, affine, bias);
        assertModuleGradients(ln, in -> ln.forward(in.get(0)), normal(new Rng(152), 2, 3, 4));
    }

    @Test
    void twoDimensionalInput() {
        LayerNorm ln = norm(new long[] {5}, true, true);
        assertModuleGradients(ln, in -> ln.forward(in.get(0)), normal(new Rng(153), 3, 5));
    }

    @Test
    void withoutAffineTheOutputHasZeroMeanAndUnitVariance() {
        LayerNorm ln = norm(new long[] {3, 4}, false, false);
        Tensor x = normal(new Rng(154), 2, 3, 4);
        INDArray y = ln.forward(x).data().reshape(2, 12);
        for (int i = 0; i < 2; i++) {
            assertEquals(0, y.getRow(i).meanNumber().doubleValue(), 1e-12);
            assertEquals(1, y.getRow(i).varNumber().doubleValue() * 11 / 12, 1e-4);
        }
    }
}

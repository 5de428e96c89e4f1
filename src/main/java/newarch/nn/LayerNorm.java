package newarch.nn;

import java.util.Arrays;
import newarch.tensor.ShapeException;
import newarch.tensor.Shapes;
import newarch.tensor.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Layer normalisation over the last dimensions: y = (x − μ)/√(σ² + ε) · γ + β, with μ and the biased σ² taken
 * per position. One fused op with a closed-form backward, which is both faster and more accurate than
 * composing it from elementary ops.
 */
public class LayerNorm extends Module {
    private final long[] normalizedShape;
    private final double eps;
    private final Tensor weight;
    private final Tensor bias;

    public LayerNorm(long size, double eps) {
        this(new long[] {size}, eps, true, true);
    }

    public LayerNorm(long[] normalizedShape, double eps, boolean elementwiseAffine, boolean bias) {
        this.normalizedShape = normalizedShape.clone();
        this.eps = eps;
        this.weight = elementwiseAffine ? parameter("weight", Init.ones(normalizedShape)) : null;
        this.bias = elementwiseAffine && bias ? parameter("bias", Init.zeros(normalizedShape)) : null;
    }

    public Tensor forward(Tensor x) {
        int k = normalizedShape.length;
        long[] s = x.shape();
        if (s.length < k || !Arrays.equals(Arrays.copyOfRange(s, s.length - k, s.length), normalizedShape)) {
            throw new ShapeException("LayerNorm" + Shapes.show(normalizedShape) + ": input is " + Shapes.show(s)
                    + " but its last dimensions must be " + Shapes.show(normalizedShape));
        }
        long n = 1;
        for (long d : normalizedShape) {
            n *= d;
        }
        // Every statistic is per row of a [rows, n] view: row and column vector ops broadcast natively, where
        // materialising broadcast copies of [rows, 1] statistics cost more than the arithmetic itself.
        long rows = x.data().length() / n;
        INDArray x2 = contiguous(x.data()).reshape('c', rows, n);
        INDArray mean = x2.mean(true, 1);                                          // [rows, 1]
        INDArray centered = x2.subColumnVector(mean);                              // [rows, n]
        INDArray var = centered.mul(centered).mean(true, 1);                       // [rows, 1], biased
        INDArray rstd = Transforms.pow(var.addi(eps), -0.5, false);                // 1/√(σ² + ε)
        INDArray xhat = centered.muliColumnVector(rstd);                           // [rows, n]
        INDArray w = weight == null ? null : weight.data().reshape('c', 1, n);
        INDArray y = w == null ? xhat.dup() : xhat.mulRowVector(w);
        if (bias != null) {
            y.addiRowVector(bias.data().reshape('c', 1, n));
        }
        final long count = n;
        Tensor[] parents = weight == null ? new Tensor[] {x} : bias == null ? new Tensor[] {x, weight}
                : new Tensor[] {x, weight, bias};
        return Tensor.fromOp("layerNorm", y.reshape('c', s), g -> {
            INDArray[] grads = new INDArray[parents.length];
            INDArray g2 = contiguous(g).reshape('c', rows, count);
            INDArray gxhat = w == null ? g2 : g2.mulRowVector(w);
            if (x.requiresGrad()) {
                // dx = rstd/N · (N·ĝ − Σĝ − x̂·Σ(ĝ·x̂)), sums over the normalised dimensions
                INDArray sumG = gxhat.sum(true, 1);                                // [rows, 1]
                INDArray sumGX = gxhat.mul(xhat).sum(true, 1);                     // [rows, 1]
                INDArray dx = gxhat.mul(count).subiColumnVector(sumG).subi(xhat.mulColumnVector(sumGX));
                grads[0] = dx.muliColumnVector(rstd).divi(count).reshape('c', s);
            }
            if (weight != null && weight.requiresGrad()) {
                grads[1] = g2.mul(xhat).sum(0).reshape('c', normalizedShape);
            }
            if (bias != null && bias.requiresGrad()) {
                grads[2] = g2.sum(0).reshape('c', normalizedShape);
            }
            return grads;
        }, parents);
    }

    private static INDArray contiguous(INDArray a) {
        return a.ordering() == 'c' && !a.isView() ? a : a.dup('c');
    }
}

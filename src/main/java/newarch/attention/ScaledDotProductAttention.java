package newarch.attention;

import newarch.tensor.Rng;
import newarch.tensor.ShapeException;
import newarch.tensor.Shapes;
import newarch.tensor.InPlace;
import newarch.tensor.MatMul;
import newarch.tensor.Softmax;
import newarch.tensor.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Attention(Q, K, V) = softmax(Q Kᵀ / τ + M) V, with temperature τ = √d_k unless given, as one fused op.
 *
 * <p>Shapes: q {@code [..., L, E]}, k {@code [..., S, E]}, v {@code [..., S, Ev]} with equal leading dimensions;
 * the additive mask M (0 where allowed, −∞ where not) broadcasts to {@code [..., L, S]}. Fusing the whole
 * computation into one graph node means the backward pass is four batched matrix products and one softmax
 * Jacobian, with no intermediate graph bookkeeping.
 */
public final class ScaledDotProductAttention {
    private ScaledDotProductAttention() {
    }

    public static AttentionOutput attend(Tensor q, Tensor k, Tensor v, Tensor mask) {
        return attend(q, k, v, mask, 1 / Math.sqrt(q.size(-1)), 0, null);
    }

    /** softmax(Q Kᵀ / τ + M) V with an explicit temperature τ (the default is τ = √d_k). */
    public static AttentionOutput attendWithTemperature(Tensor q, Tensor k, Tensor v, Tensor mask, double temperature) {
        if (!(temperature > 0)) {
            throw new IllegalArgumentException("temperature is " + temperature + " but must be positive");
        }
        return attend(q, k, v, mask, 1 / temperature, 0, null);
    }

    /**
     * @param scale      the factor applied to Q Kᵀ, i.e. 1/τ
     * @param dropout    probability of dropping an attention weight (training only; 0 for none)
     * @param dropoutRng the generator for dropout, may be null when dropout is 0
     */
    public static AttentionOutput attend(Tensor q, Tensor k, Tensor v, Tensor mask, double scale, double dropout,
                                         Rng dropoutRng) {
        checkShapes(q, k, v, mask);
        // Scale the queries ([..., L, E]) rather than the scores ([..., L, S]): fewer elements to touch.
        INDArray qScaled = q.data().mul(scale);
        INDArray scores = MatMul.product(qScaled, k.data(), false, true); // [..., L, S], ours to overwrite
        if (mask != null) {
            InPlace.addBroadcast(scores, mask.data());
        }
        INDArray p = Softmax.probabilitiesInPlace(scores, scores.rank() - 1);
        // Dropout on the weights: keep is 0 or 1/(1−p) per weight, and the gradient passes through the same mask.
        INDArray keep = dropout > 0
                ? dropoutRng.bernoulli(p.dataType(), 1 - dropout, p.shape()).muli(1 / (1 - dropout)) : null;
        INDArray weights = keep == null ? p : p.mul(keep);
        INDArray out = MatMul.product(weights, v.data(), false, false); // [..., L, Ev]
        Tensor output = Tensor.fromOp("attention", out, g -> {
            INDArray gv = v.requiresGrad() ? MatMul.product(weights, g, true, false) : null;
            INDArray gq = null;
            INDArray gk = null;
            if (q.requiresGrad() || k.requiresGrad()) {
                // dS = P ⊙ (dP − D) with D = rowsum(dP ⊙ P) = rowsum(dO ⊙ O): an [L, Ev] product instead of [L, S].
                INDArray rowDot = g.mul(out).sum(true, out.rank() - 1);            // [..., L, 1]
                INDArray gScores = MatMul.product(g, v.data(), false, true);  // dWeights, ours to overwrite
                if (keep != null) {
                    gScores.muli(keep);
                }
                InPlace.subBroadcast(gScores, rowDot);
                gScores.muli(p);
                gq = q.requiresGrad() ? MatMul.product(gScores, k.data(), false, false).muli(scale) : null;
                gk = k.requiresGrad() ? MatMul.product(gScores, qScaled, true, false) : null;
            }
            return new INDArray[] {gq, gk, gv};
        }, q, k, v);
        return new AttentionOutput(output, Tensor.constant(weights));
    }

    private static void checkShapes(Tensor q, Tensor k, Tensor v, Tensor mask) {
        Shapes.requireMinRank("q", q, 2);
        Shapes.requireMinRank("k", k, 2);
        Shapes.requireMinRank("v", v, 2);
        Shapes.requireFloating("q", q);
        Shapes.requireSameType("q", q.data(), "k", k.data());
        Shapes.requireSameType("q", q.data(), "v", v.data());
        if (q.size(-1) != k.size(-1)) {
            throw new ShapeException("q is " + Shapes.show(q.data()) + " but k is " + Shapes.show(k.data())
                    + ": last dimensions must match");
        }
        if (k.size(-2) != v.size(-2)) {
            throw new ShapeException("k is " + Shapes.show(k.data()) + " but v is " + Shapes.show(v.data())
                    + ": they must have the same number of positions (dimension -2)");
        }
        if (q.rank() != k.rank() || k.rank() != v.rank() || !sameLeading(q.shape(), k.shape())
                || !sameLeading(k.shape(), v.shape())) {
            throw new ShapeException("q is " + Shapes.show(q.data()) + ", k is " + Shapes.show(k.data()) + ", v is "
                    + Shapes.show(v.data()) + ": leading (batch, head) dimensions must be equal");
        }
        if (mask != null) {
            long[] scores = q.shape().clone();
            scores[scores.length - 1] = k.size(-2);
            long[] b = newarch.tensor.Broadcast.shape("attention mask", "scores", scores, "mask", mask.shape());
            if (!java.util.Arrays.equals(b, scores)) {
                throw new ShapeException("mask is " + Shapes.show(mask.data()) + " but must broadcast to the scores "
                        + Shapes.show(scores) + " ([..., L, S])");
            }
            Shapes.requireSameType("mask", mask.data(), "q", q.data());
        }
    }

    private static boolean sameLeading(long[] a, long[] b) {
        for (int i = 0; i < a.length - 2; i++) {
            if (a[i] != b[i]) {
                return false;
            }
        }
        return true;
    }
}

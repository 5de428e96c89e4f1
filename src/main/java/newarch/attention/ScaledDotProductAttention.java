package newarch.attention;

import newarch.tensor.Rng;
import newarch.tensor.ShapeException;
import newarch.tensor.Shapes;
import newarch.tensor.InPlace;
import newarch.tensor.Softmax;
import newarch.tensor.MatMul;
import newarch.tensor.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
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
        Kernel kernel = new Kernel(q.data(), k.data(), v.data(), mask, scale, dropout, dropoutRng);
        Tensor output = Tensor.fromOp("attention", kernel.out, g -> {
            INDArray gq = q.requiresGrad() ? Nd4j.createUninitialized(q.dataType(), q.shape()) : null;
            INDArray gk = k.requiresGrad() ? Nd4j.createUninitialized(k.dataType(), k.shape()) : null;
            INDArray gv = v.requiresGrad() ? Nd4j.createUninitialized(v.dataType(), v.shape()) : null;
            kernel.backward(g, gq, gk, gv);
            return new INDArray[] {gq, gk, gv};
        }, q, k, v);
        return new AttentionOutput(output, () -> Tensor.constant(kernel.weights()));
    }

    /**
     * Self-attention on packed projections {@code qkv} = [3, ..., L, E] (queries, keys, values stacked on the first
     * axis, as {@link PackedProjection} makes them): the same result as {@link #attend} on the three slices, but the
     * backward pass writes the three gradients straight into one packed array instead of three to be stacked later.
     */
    public static AttentionOutput attendPacked(Tensor qkv, Tensor mask, double scale, double dropout, Rng dropoutRng) {
        Shapes.requireMinRank("qkv", qkv, 3);
        if (qkv.size(0) != 3) {
            throw new ShapeException("qkv is " + Shapes.show(qkv.data()) + " but must stack q, k, v on axis 0 (size 3)");
        }
        INDArray packed = qkv.data().isView() ? qkv.data().dup('c') : qkv.data();
        Tensor q = Tensor.constant(packed.slice(0));
        checkShapes(q, q, q, mask);
        Kernel kernel = new Kernel(packed.slice(0), packed.slice(1), packed.slice(2), mask, scale, dropout,
                dropoutRng);
        Tensor output = Tensor.fromOp("packed attention", kernel.out, g -> {
            INDArray grads = Nd4j.createUninitialized(packed.dataType(), packed.shape()); // [3, ..., L, E]
            kernel.backward(g, grads.slice(0), grads.slice(1), grads.slice(2));
            return new INDArray[] {grads};
        }, qkv);
        return new AttentionOutput(output, () -> Tensor.constant(kernel.weights()));
    }

    /**
     * The arithmetic of one attention call on arrays: the forward pass in the constructor, then {@link #backward}.
     *
     * <p>The probabilities P live in a {@link ScratchArrays pooled} array. Once the backward pass is done with them
     * and no caller has asked for the weights, they go back to the pool for the next call; should they be needed
     * again (weights asked for late, or a second backward pass) they are recomputed from Q, K and the mask.
     */
    private static final class Kernel {
        private final INDArray q;
        private final INDArray k;
        private final INDArray v;
        private final Tensor mask;
        private final double scale;
        private final long[] scoreShape;
        private final INDArray keep;
        private final INDArray dropped;
        private INDArray p;
        private boolean weightsHandedOut;
        final INDArray out;

        Kernel(INDArray q, INDArray k, INDArray v, Tensor mask, double scale, double dropout, Rng dropoutRng) {
            this.q = q;
            this.k = k;
            this.v = v;
            this.mask = mask;
            this.scale = scale;
            scoreShape = q.shape().clone();
            scoreShape[scoreShape.length - 1] = k.size(-2);
            p = probabilities();
            // Dropout on the weights: keep is 0 or 1/(1−p) per weight, and the gradient passes through the same mask.
            keep = dropout > 0 ? dropoutRng.bernoulli(p.dataType(), 1 - dropout, p.shape()).muli(1 / (1 - dropout)) : null;
            dropped = keep == null ? null : p.mul(keep);
            out = MatMul.product(keep == null ? p : dropped, v, false, false); // [..., L, Ev]
        }

        /** P = softmax(Q Kᵀ / τ + M), computed into a pooled array. */
        private INDArray probabilities() {
            INDArray scores = ScratchArrays.take(q.dataType(), scoreShape); // [..., L, S]
            // The 1/τ rides on the product (BLAS's alpha): no scaled copy of Q, no extra pass over the scores.
            MatMul.scaledProductInto(q, k, scores, false, true, scale);
            if (mask != null) {
                InPlace.addBroadcast(scores, mask.data());
            }
            return Softmax.probabilitiesInPlace(scores, scores.rank() - 1, mask != null);
        }

        /** The attention weights for the caller; from then on P is never recycled, the caller may hold it. */
        INDArray weights() {
            if (p == null) {
                p = probabilities();
            }
            weightsHandedOut = true;
            return keep == null ? p : dropped;
        }

        /** Writes dL/dQ, dL/dK, dL/dV into {@code gq}, {@code gk}, {@code gv}; a null target is skipped. */
        void backward(INDArray g, INDArray gq, INDArray gk, INDArray gv) {
            if (p == null) {
                p = probabilities();
            }
            if (gv != null) {
                MatMul.productInto(keep == null ? p : dropped, g, gv, true, false);
            }
            if (gq != null || gk != null) {
                // dS = P ⊙ (dP − D) with D = rowsum(dP ⊙ P) = rowsum(dO ⊙ O): an [L, Ev] product instead of [L, S].
                INDArray gTimesOut = ScratchArrays.take(out.dataType(), out.shape());
                Nd4j.exec(new MulOp(g, out, gTimesOut));
                INDArray rowDot = gTimesOut.sum(true, out.rank() - 1);                // [..., L, 1]
                ScratchArrays.give(gTimesOut);
                INDArray gScores = ScratchArrays.take(p.dataType(), scoreShape);   // dWeights
                if (keep == null) {
                    // dP − D in one product, [dO, −D] [V, 1]ᵀ: one pass over the [L, S] array fewer.
                    int last = out.rank() - 1;
                    INDArray gAugmented = Nd4j.concat(last, g, rowDot.neg());
                    INDArray vAugmented = Nd4j.concat(last, v, Nd4j.ones(v.dataType(), rowShape(v)));
                    MatMul.productInto(gAugmented, vAugmented, gScores, false, true);
                } else {
                    MatMul.productInto(g, v, gScores, false, true);
                    gScores.muli(keep);
                    InPlace.subBroadcast(gScores, rowDot);
                }
                gScores.muli(p);
                if (gq != null) {
                    MatMul.scaledProductInto(gScores, k, gq, false, false, scale);  // dQ = dS K / τ
                }
                if (gk != null) {
                    MatMul.scaledProductInto(gScores, q, gk, true, false, scale);   // dK = dSᵀ Q / τ
                }
                ScratchArrays.give(gScores);
            }
            // With dropout, the weights handed out are P ⊙ keep, not P: keep it simple and never recycle there.
            if (!weightsHandedOut && keep == null) {
                ScratchArrays.give(p);
                p = null;
            }
        }
    }

    /** The shape of a with its last dimension 1. */
    private static long[] rowShape(INDArray a) {
        long[] shape = a.shape().clone();
        shape[shape.length - 1] = 1;
        return shape;
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

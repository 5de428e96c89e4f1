package newarch.models.blosa;

import newarch.nn.Init;
import newarch.nn.Linear;
import newarch.nn.Module;
import newarch.tensor.Reshaping;
import newarch.tensor.Rng;
import newarch.tensor.ShapeException;
import newarch.tensor.Shapes;
import newarch.tensor.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Masked self-attention, mSA (DiSAN, Bi-BloSA §3.3): multi-dimensional token2token attention with a direction mask,
 * followed by a fusion gate. For query token j and attended token i, per feature,
 * <pre>
 *   f(x_i, x_j) = c · tanh([W⁽¹⁾ x_i + W⁽²⁾ x_j + b⁽¹⁾] / c) + M_ij      (c = 5, M the forward or backward mask)
 *   s_j        = Σ_i softmax_i(f(x_i, x_j)) ⊙ x_i
 *   F          = sigmoid(W⁽ᶠ¹⁾ s + W⁽ᶠ²⁾ x + b⁽ᶠ⁾)
 *   u          = F ⊙ x + (1 − F) ⊙ s
 * </pre>
 * It runs on many independent groups at once (the blocks of a sequence): x is [B, G, L, d] and attention stays
 * inside a group. The score tensor is [B, G, L, L, d], d times a scalar attention's: this is why Bi-BloSA keeps L
 * (the block length) small.
 */
public final class MaskedSelfAttention extends Module {
    /** The scale c of the scaled tanh, as in DiSAN and the authors' code. */
    public static final double C = 5.0;
    private final long dim;
    private final Direction direction;
    private final Linear w1;
    private final Linear w2;
    private final Tensor b1;
    private final Linear wf1;
    private final Linear wf2;
    private final Tensor bf;

    public MaskedSelfAttention(long dim, Direction direction, Rng rng) {
        this.dim = dim;
        this.direction = direction;
        this.w1 = child("W1", new Linear(dim, dim, false, rng));
        this.w2 = child("W2", new Linear(dim, dim, false, rng));
        this.b1 = parameter("b1", Init.zeros(dim));
        this.wf1 = child("Wf1", new Linear(dim, dim, false, rng));
        this.wf2 = child("Wf2", new Linear(dim, dim, false, rng));
        this.bf = parameter("bf", Init.zeros(dim));
    }

    public Direction direction() {
        return direction;
    }

    /**
     * @param x     [B, G, L, d]: G groups (blocks) of L tokens
     * @param valid [B, G, L], 1 for a real token and 0 for padding (padding is never attended), or null for all real
     * @return u, [B, G, L, d]
     */
    public Tensor forward(Tensor x, INDArray valid) {
        return fuse(x, context(x, valid));
    }

    /** s, the attended context of every token before the fusion gate, [B, G, L, d]. */
    public Tensor context(Tensor x, INDArray valid) {
        Shapes.requireRank("mSA input x", x, 4);
        Shapes.requireSize("mSA input x", x, 3, dim, "the attention width d");
        long b = x.size(0);
        long g = x.size(1);
        long len = x.size(2);
        if (valid != null && (valid.rank() != 3 || valid.size(0) != b || valid.size(1) != g || valid.size(2) != len)) {
            throw new ShapeException("mSA valid mask is " + Shapes.show(valid) + " but x is " + Shapes.show(x.data())
                    + ": it must be [B, G, L] = " + Shapes.show(new long[] {b, g, len}));
        }
        Tensor attended = Reshaping.unsqueeze(w1.forward(x), 2);   // W1 x_i on the key axis 3: [B, G, 1, L, d]
        Tensor query = Reshaping.unsqueeze(w2.forward(x), 3);      // W2 x_j on the query axis 2: [B, G, L, 1, d]
        Tensor logits = attended.add(query).add(b1).mul(1 / C).tanh().mul(C); // [B, G, L, L, d]
        INDArray allowed = direction.allowed(len, x.dataType()).reshape(1, 1, len, len, 1); // [1, 1, L, L, 1]
        if (valid != null) {
            allowed = allowed.mul(valid.castTo(x.dataType()).reshape(b, g, 1, len, 1));   // [B, G, L, L, 1]
        }
        return FeatureWiseAttention.pool(logits, allowed, Reshaping.unsqueeze(x, 2), 3); // [B, G, L, d]
    }

    /** The fusion gate: how much of each feature comes from the token itself and how much from its context. */
    private Tensor fuse(Tensor x, Tensor s) {
        Tensor gate = wf1.forward(s).add(wf2.forward(x)).add(bf).sigmoid();
        return gate.mul(x).add(gate.neg().add(1).mul(s));
    }
}

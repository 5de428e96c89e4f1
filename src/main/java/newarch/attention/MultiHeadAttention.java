package newarch.attention;

import newarch.nn.Init;
import newarch.nn.Linear;
import newarch.nn.Module;
import newarch.tensor.Arithmetic;
import newarch.tensor.MatMul;
import newarch.tensor.Reductions;
import newarch.tensor.Reshaping;
import newarch.tensor.Rng;
import newarch.tensor.ShapeException;
import newarch.tensor.Shapes;
import newarch.tensor.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Multi-head attention with {@code torch.nn.MultiheadAttention}'s parameters and semantics (batch first).
 *
 * <p>Each of h heads projects queries, keys and values to d = E/h dimensions, attends, and the heads'
 * outputs are concatenated and projected back: MultiHead(Q,K,V) = Concat(head₁..headₕ) Wᴼ. When key and value
 * have the model's width the three input projections are one fused matrix {@code in_proj_weight} [3E, E];
 * otherwise ({@code kdim}/{@code vdim} ≠ E) they are {@code q_proj_weight}, {@code k_proj_weight},
 * {@code v_proj_weight}.
 */
public class MultiHeadAttention extends Module {
    private final long embedDim;
    private final int numHeads;
    private final long kdim;
    private final long vdim;
    private final boolean fused;
    private final double dropout;
    private final Rng rng;
    private final Tensor inProjWeight;
    private final Tensor qProjWeight;
    private final Tensor kProjWeight;
    private final Tensor vProjWeight;
    private final Tensor inProjBias;
    private final Tensor biasK;
    private final Tensor biasV;
    private final boolean addZeroAttn;
    private final Linear outProj;

    public MultiHeadAttention(long embedDim, int numHeads, Rng rng) {
        this(Options.of(embedDim, numHeads), rng);
    }

    /** The constructor arguments of torch.nn.MultiheadAttention. */
    public record Options(long embedDim, int numHeads, double dropout, boolean bias, boolean addBiasKv,
                          boolean addZeroAttn, long kdim, long vdim) {
        public static Options of(long embedDim, int numHeads) {
            return new Options(embedDim, numHeads, 0, true, false, false, embedDim, embedDim);
        }
    }

    public MultiHeadAttention(Options o, Rng rng) {
        if (o.numHeads() <= 0 || o.embedDim() % o.numHeads() != 0) {
            throw new IllegalArgumentException("embed_dim " + o.embedDim() + " must be divisible by num_heads "
                    + o.numHeads());
        }
        this.embedDim = o.embedDim();
        this.numHeads = o.numHeads();
        this.kdim = o.kdim();
        this.vdim = o.vdim();
        this.dropout = o.dropout();
        this.rng = rng;
        this.fused = kdim == embedDim && vdim == embedDim;
        long e = embedDim;
        if (fused) {
            inProjWeight = parameter("in_proj_weight", Init.xavierUniform(rng, 3 * e, e));
            qProjWeight = kProjWeight = vProjWeight = null;
        } else {
            inProjWeight = null;
            qProjWeight = parameter("q_proj_weight", Init.xavierUniform(rng, e, e));
            kProjWeight = parameter("k_proj_weight", Init.xavierUniform(rng, e, kdim));
            vProjWeight = parameter("v_proj_weight", Init.xavierUniform(rng, e, vdim));
        }
        inProjBias = o.bias() ? parameter("in_proj_bias", Init.zeros(3 * e)) : null;
        outProj = child("out_proj", new Linear(e, e, o.bias(), rng));
        if (o.bias()) {
            outProj.bias().data().assign(0);
        }
        biasK = o.addBiasKv() ? parameter("bias_k", Init.normal(rng, Math.sqrt(2.0 / (1 + e)), 1, 1, e)) : null;
        biasV = o.addBiasKv() ? parameter("bias_v", Init.normal(rng, Math.sqrt(2.0 / (1 + e)), 1, 1, e)) : null;
        this.addZeroAttn = o.addZeroAttn();
    }

    /** Self-attention: the sequence attends to itself. */
    public AttentionOutput forward(Tensor x, Tensor mask) {
        return forward(x, x, x, null, mask, true);
    }

    /**
     * @param query          [B, L, E]
     * @param key            [B, S, kdim]
     * @param value          [B, S, vdim]
     * @param keyPadding     [B, S], non-zero at padded keys, or null
     * @param attnMask       additive [L, S] or [B·h, L, S] (or [B, h, L, S]), or null
     * @param averageWeights weights averaged over heads [B, L, S], or per head [B, h, L, S]
     */
    public AttentionOutput forward(Tensor query, Tensor key, Tensor value, INDArray keyPadding, Tensor attnMask,
                                   boolean averageWeights) {
        checkInputs(query, key, value, keyPadding);
        long b = query.size(0);
        long e = embedDim;
        Tensor padMask = keyPadding == null ? null : Masks.keyPadding(keyPadding, query.dataType());
        Tensor mask = attnMask == null ? null : headMask(attnMask, b, query.size(1), key.size(1));
        double scale = 1 / Math.sqrt((double) e / numHeads);
        if (fused && query == key && key == value && biasK == null && !addZeroAttn) {
            // The common self-attention case: one packed projection, no per-head slicing in either direction.
            Tensor qkv = PackedProjection.toHeads(query, inProjWeight, inProjBias, numHeads);
            return finish(ScaledDotProductAttention.attendPacked(qkv, Masks.combine(mask, padMask), scale,
                    isTraining() ? dropout : 0, rng), averageWeights);
        }
        Tensor[] qkv = project(query, key, value);
        Tensor q = qkv[0];
        Tensor k = qkv[1];
        Tensor v = qkv[2];
        if (biasK != null) {
            k = Reshaping.concat(1, k, Reshaping.expand(biasK, b, 1, e));
            v = Reshaping.concat(1, v, Reshaping.expand(biasV, b, 1, e));
            padMask = padMask == null ? null : padColumn(padMask);
            mask = mask == null ? null : padColumn(mask);
        }
        Tensor qh = splitHeads(q);
        Tensor kh = splitHeads(k);
        Tensor vh = splitHeads(v);
        if (addZeroAttn) {
            long d = e / numHeads;
            kh = Reshaping.concat(2, kh, Tensor.constant(Nd4j.zeros(kh.dataType(), b, numHeads, 1, d)));
            vh = Reshaping.concat(2, vh, Tensor.constant(Nd4j.zeros(vh.dataType(), b, numHeads, 1, d)));
            padMask = padMask == null ? null : padColumn(padMask);
            mask = mask == null ? null : padColumn(mask);
        }
        return finish(ScaledDotProductAttention.attend(qh, kh, vh, Masks.combine(mask, padMask), scale,
                isTraining() ? dropout : 0, rng), averageWeights);
    }

    /** Merges the heads, applies the output projection, and averages the weights over heads when asked. */
    private AttentionOutput finish(AttentionOutput heads, boolean averageWeights) {
        Tensor out = outProj.forward(mergeHeads(heads.output()));
        // Lazily: asking for the weights keeps the attention probabilities from being recycled.
        return averageWeights ? new AttentionOutput(out, () -> Reductions.mean(heads.weights(), false, 1))
                : new AttentionOutput(out, heads::weights);
    }

    private Tensor[] project(Tensor query, Tensor key, Tensor value) {
        long e = embedDim;
        Tensor wq = fused ? inProjWeight.slice(0, 0, e) : qProjWeight;
        Tensor wk = fused ? inProjWeight.slice(0, e, 2 * e) : kProjWeight;
        Tensor wv = fused ? inProjWeight.slice(0, 2 * e, 3 * e) : vProjWeight;
        Tensor q = MatMul.matmul(query, wq, false, true);
        Tensor k = MatMul.matmul(key, wk, false, true);
        Tensor v = MatMul.matmul(value, wv, false, true);
        if (inProjBias != null) {
            q = q.add(inProjBias.slice(0, 0, e));
            k = k.add(inProjBias.slice(0, e, 2 * e));
            v = v.add(inProjBias.slice(0, 2 * e, 3 * e));
        }
        return new Tensor[] {q, k, v};
    }

    /** Self-attention with the attention weights of every head ([B, h, L, L]) instead of their average. */
    public AttentionOutput forwardPerHead(Tensor x, Tensor mask) {
        return forward(x, x, x, null, mask, false);
    }

    /** [B, L, E] → [B, h, L, d]. */
    public Tensor splitHeads(Tensor x) {
        return x.reshape(x.size(0), x.size(1), numHeads, embedDim / numHeads).permute(0, 2, 1, 3);
    }

    /** [B, h, L, d] → [B, L, E]. */
    public Tensor mergeHeads(Tensor x) {
        return x.permute(0, 2, 1, 3).reshape(x.size(0), x.size(2), embedDim);
    }

    /** Brings an attn_mask to a shape that broadcasts against [B, h, L, S]. */
    private Tensor headMask(Tensor m, long b, long l, long s) {
        if (m.rank() == 2) {
            Shapes.requireShape("attn_mask", m, l, s);
            return m;
        }
        if (m.rank() == 3) {
            Shapes.requireShape("attn_mask", m, b * numHeads, l, s);
            return m.reshape(b, numHeads, l, s);
        }
        Shapes.requireShape("attn_mask", m, b, numHeads, l, s);
        return m;
    }

    /** Appends an allowed (0) key column to an additive mask, for the extra bias_k / zero-attention key. */
    private static Tensor padColumn(Tensor m) {
        long[] s = m.shape().clone();
        s[s.length - 1] = 1;
        return Reshaping.concat(m.rank() - 1, m, Tensor.constant(Nd4j.zeros(m.dataType(), s)));
    }

    private void checkInputs(Tensor query, Tensor key, Tensor value, INDArray keyPadding) {
        Shapes.requireRank("query", query, 3);
        Shapes.requireRank("key", key, 3);
        Shapes.requireRank("value", value, 3);
        Shapes.requireFloating("query", query);
        Shapes.requireSameType("key", key.data(), "query", query.data());
        Shapes.requireSameType("value", value.data(), "query", query.data());
        Shapes.requireSameType("query", query.data(), "the layer's weights", outProj.weight().data());
        Shapes.requireSize("query", query, 2, embedDim, "embed_dim");
        Shapes.requireSize("key", key, 2, kdim, "kdim");
        Shapes.requireSize("value", value, 2, vdim, "vdim");
        if (key.size(0) != query.size(0) || value.size(0) != query.size(0) || key.size(1) != value.size(1)) {
            throw new ShapeException("query is " + Shapes.show(query.data()) + ", key is " + Shapes.show(key.data())
                    + ", value is " + Shapes.show(value.data())
                    + ": batch sizes must match and key and value must have the same length");
        }
        if (keyPadding != null && (keyPadding.rank() != 2 || keyPadding.size(0) != key.size(0)
                || keyPadding.size(1) != key.size(1))) {
            throw new ShapeException("key_padding_mask is " + Shapes.show(keyPadding) + " but must be [batch, keys] = "
                    + Shapes.show(new long[] {key.size(0), key.size(1)}));
        }
    }

    public long embedDim() {
        return embedDim;
    }

    public int numHeads() {
        return numHeads;
    }
}

package newarch.models.blosa;

import newarch.nn.Linear;
import newarch.nn.Module;
import newarch.tensor.Reshaping;
import newarch.tensor.Rng;
import newarch.tensor.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Masked block self-attention, mBloSA (Bi-BloSA §4.1), in one direction. A sequence of n tokens is padded to m
 * blocks of r tokens and
 * <ol>
 *   <li>intra-block SA: h = mSA(x) inside every block (one set of parameters for all blocks): local context;</li>
 *   <li>block summaries: v_l = source2token(h_l), one vector per block;</li>
 *   <li>inter-block SA: o = mSA(v) over the m summaries with the same direction mask: long-range context;</li>
 *   <li>context fusion: e repeats o_l for each of block l's r tokens, and
 *       F = ReLU(W⁽ᶠ¹⁾[e; x; h] + b⁽ᶠ¹⁾), G = sigmoid(W⁽ᶠ²⁾[e; x; h] + b⁽ᶠ²⁾), u = G ⊙ F + (1 − G) ⊙ x.</li>
 * </ol>
 * Memory: intra-block scores are m·r²·d = n·r·d and inter-block scores m²·d, instead of n²·d for mSA on the whole
 * sequence. Padding (the tail of the last block, or caller padding) is never attended; its outputs are cut off.
 */
public final class MaskedBlockSelfAttention extends Module {
    private final BloSaConfig config;
    private final Direction direction;
    private final MaskedSelfAttention intraBlock;
    private final SourceToTokenAttention blockSummary;
    private final MaskedSelfAttention interBlock;
    private final Linear fusion;
    private final Linear gate;

    public MaskedBlockSelfAttention(BloSaConfig config, Direction direction, Rng rng) {
        long d = config.hidden();
        this.config = config;
        this.direction = direction;
        this.intraBlock = child("intra_block", new MaskedSelfAttention(d, direction, rng));
        this.blockSummary = child("block_summary", new SourceToTokenAttention(d, config.activation(), rng));
        this.interBlock = child("inter_block", new MaskedSelfAttention(d, direction, rng));
        this.fusion = child("fusion", new Linear(3 * d, d, true, rng));
        this.gate = child("gate", new Linear(3 * d, d, true, rng));
    }

    public Direction direction() {
        return direction;
    }

    /**
     * @param x     [B, n, d] with d = hidden
     * @param valid [B, n], 1 at real tokens, 0 at padding, or null for all real (checked by {@link BiBloSA})
     * @return u, [B, n, d]
     */
    public Tensor forward(Tensor x, INDArray valid) {
        long b = x.size(0);
        long n = x.size(1);
        long d = x.size(2);
        long r = config.blockLengthFor(n);
        long m = (n + r - 1) / r;
        long padded = m * r;
        Tensor xp = padded == n ? x
                : Reshaping.concat(1, x, Tensor.constant(Nd4j.zeros(x.dataType(), b, padded - n, d)));
        Tensor blocks = xp.reshape(b, m, r, d);                                       // [B, m, r, d]
        INDArray validBlocks = blockValidity(valid, b, n, padded, x).reshape(b, m, r); // [B, m, r]

        Tensor h = intraBlock.forward(blocks, validBlocks);                            // [B, m, r, d]
        Tensor v = blockSummary.forward(h, validBlocks);                               // [B, m, d]
        INDArray blockHasToken = validBlocks.max(2).reshape(b, 1, m);                  // [B, 1, m]
        Tensor o = interBlock.forward(v.reshape(b, 1, m, d), blockHasToken);           // [B, 1, m, d]
        Tensor e = Reshaping.expand(o.reshape(b, m, 1, d), b, m, r, d);                // [B, m, r, d]

        Tensor all = Reshaping.concat(3, e, blocks, h);                                // [B, m, r, 3d]
        Tensor f = fusion.forward(all).relu();
        Tensor g = gate.forward(all).sigmoid();
        Tensor u = g.mul(f).add(g.neg().add(1).mul(blocks));                           // [B, m, r, d]
        Tensor out = u.reshape(b, padded, d);
        return padded == n ? out : out.slice(1, 0, n);                                 // [B, n, d]
    }

    /** [B, m·r]: the caller's validity (or all ones) followed by zeros for the padding that fills the last block. */
    private static INDArray blockValidity(INDArray valid, long b, long n, long padded, Tensor x) {
        INDArray out = Nd4j.zeros(x.dataType(), b, padded);
        if (valid == null) {
            out.get(NDArrayIndex.all(), NDArrayIndex.interval(0, n)).assign(1);
        } else {
            out.get(NDArrayIndex.all(), NDArrayIndex.interval(0, n)).assign(valid.castTo(x.dataType()));
        }
        return out;
    }
}

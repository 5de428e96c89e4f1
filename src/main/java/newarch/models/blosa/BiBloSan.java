package newarch.models.blosa;

import newarch.nn.Module;
import newarch.tensor.Rng;
import newarch.tensor.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Bi-BloSAN as a sentence encoder (§4.3): Bi-BloSA for context-aware token representations, then a multi-dimensional
 * source2token attention that compresses them into one vector per sequence, [B, 2·d_e].
 */
public final class BiBloSan extends Module {
    private final BiBloSA context;
    private final SourceToTokenAttention pooling;

    public BiBloSan(BloSaConfig config, Rng rng) {
        this.context = child("blosa", new BiBloSA(config, rng));
        this.pooling = child("pooling", new SourceToTokenAttention(2 * config.hidden(), config.activation(), rng));
    }

    /** @param padding [B, n], 1 at padded tokens, or null; @return the sentence encoding [B, 2·hidden] */
    public Tensor forward(Tensor x, INDArray padding) {
        Tensor u = context.forward(x, padding);
        INDArray valid = padding == null ? null : padding.neq(0).castTo(x.dataType()).rsub(1);
        return pooling.forward(u, valid);
    }
}

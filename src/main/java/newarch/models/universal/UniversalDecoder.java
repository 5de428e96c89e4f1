package newarch.models.universal;

import newarch.attention.Masks;
import newarch.models.transformer.TransformerDecoderLayer;
import newarch.nn.LayerNorm;
import newarch.nn.Module;
import newarch.tensor.Rng;
import newarch.tensor.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The UT decoder: one Transformer decoder layer (causal self-attention, cross-attention to the encoder's output,
 * transition function) applied over depth by its own {@link DepthRecurrence}, then a final LayerNorm.
 */
public class UniversalDecoder extends Module {
    private final TransformerDecoderLayer layer;
    private final DepthRecurrence recurrence;
    private final LayerNorm norm;

    public UniversalDecoder(UniversalTransformerConfig c, CoordinateEmbedding coordinates, Rng rng) {
        layer = child("layer", new TransformerDecoderLayer(c.layerConfig(), rng));
        recurrence = child("recurrence", DepthRecurrence.of(c, coordinates, rng));
        norm = child("norm", new LayerNorm(new long[] {c.dModel()}, c.layerNormEps(), true, true));
    }

    /**
     * @param embedded      [batch, tgtLen, d] scaled target embeddings
     * @param targetPadding [batch, tgtLen] 1 at target padding (never ponders, costs nothing), else 0
     * @param memory        [batch, srcLen, d] the encoder's output
     * @param sourcePadding [batch, srcLen] 1 at source padding (ignored by cross-attention), else 0
     */
    public Pondered forward(Tensor embedded, INDArray targetPadding, Tensor memory, INDArray sourcePadding) {
        long len = embedded.size(1);
        // Padding sits after the real tokens, so the causal mask already keeps it out of their view.
        TransformerDecoderLayer.Masking masks = new TransformerDecoderLayer.Masking(
                Masks.causal(len, len, embedded.dataType()), null, null, sourcePadding);
        Pondered r = recurrence.forward(embedded, targetPadding.rsub(1), h -> layer.forward(h, memory, masks));
        return r.mapOutput(norm::forward);
    }

    public TransformerDecoderLayer layer() {
        return layer;
    }

    public DepthRecurrence recurrence() {
        return recurrence;
    }

    public LayerNorm norm() {
        return norm;
    }
}

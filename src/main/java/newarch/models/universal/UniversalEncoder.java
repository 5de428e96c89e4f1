package newarch.models.universal;

import newarch.models.transformer.TransformerEncoderLayer;
import newarch.nn.LayerNorm;
import newarch.nn.Module;
import newarch.tensor.Rng;
import newarch.tensor.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The UT encoder: one Transformer encoder layer (self-attention and transition function) applied over depth by a
 * {@link DepthRecurrence}, then a final LayerNorm.
 */
public class UniversalEncoder extends Module {
    private final TransformerEncoderLayer layer;
    private final DepthRecurrence recurrence;
    private final LayerNorm norm;

    public UniversalEncoder(UniversalTransformerConfig c, CoordinateEmbedding coordinates, Rng rng) {
        layer = child("layer", new TransformerEncoderLayer(c.layerConfig(), rng));
        recurrence = child("recurrence", DepthRecurrence.of(c, coordinates, rng));
        norm = child("norm", new LayerNorm(new long[] {c.dModel()}, c.layerNormEps(), true, true));
    }

    /**
     * @param embedded [batch, srcLen, d] scaled source embeddings
     * @param padding  [batch, srcLen] 1 at padding (ignored as keys, never ponders), 0 at real tokens
     * @return the pondered result with the normalised encoder output as its {@code output}
     */
    public Pondered forward(Tensor embedded, INDArray padding) {
        INDArray active = padding.rsub(1);
        Pondered r = recurrence.forward(embedded, active, h -> layer.forward(h, null, padding));
        return r.mapOutput(norm::forward);
    }

    public TransformerEncoderLayer layer() {
        return layer;
    }

    public DepthRecurrence recurrence() {
        return recurrence;
    }

    public LayerNorm norm() {
        return norm;
    }
}

package newarch.models.reformer;

import newarch.nn.LayerNorm;
import newarch.nn.Module;
import newarch.tensor.Elementwise;
import newarch.tensor.Reshaping;
import newarch.tensor.Rng;
import newarch.tensor.ShapeException;
import newarch.tensor.Shapes;
import newarch.tensor.Tensor;

/**
 * The feed-forward half of a Reformer layer, the g in Y₂ = X₂ + g(Y₁): LayerNorm, {@code dense.dense}
 * (hidden → feed_forward_size), the activation, {@code output.dense} (back to hidden).
 *
 * <p>Positions are independent here, so the sequence can be processed {@code chunk_size_feed_forward} positions at
 * a time (Reformer §3, "chunking"): the wide intermediate activation then exists for one chunk only. The result is
 * the same as without chunks.
 */
public class ChunkedFeedForward extends Module {
    private final int chunkSize;
    private final String activation;
    private final LayerNorm layerNorm;
    private final Dense dense;
    private final Dense output;

    public ChunkedFeedForward(ReformerConfig config, Rng rng) {
        this.chunkSize = config.chunkSizeFeedForward();
        this.activation = config.hiddenAct();
        activate(activation, null); // reject an unknown activation when the model is built
        this.layerNorm = child("layer_norm", new LayerNorm(config.hiddenSize(), config.layerNormEps()));
        this.dense = child("dense", new Dense(config.hiddenSize(), config.feedForwardSize(), true, rng));
        this.output = child("output", new Dense(config.feedForwardSize(), config.hiddenSize(), true, rng));
    }

    /** [B, L, hidden] → [B, L, hidden], {@code chunk_size_feed_forward} positions at a time (0: all at once). */
    public Tensor forward(Tensor x) {
        if (chunkSize == 0) {
            return forwardChunk(x);
        }
        long len = x.size(1);
        if (len % chunkSize != 0) {
            throw new ShapeException("ChunkedFeedForward: input is " + Shapes.show(x.data()) + " but its length "
                    + len + " must be a multiple of chunk_size_feed_forward " + chunkSize);
        }
        Tensor[] chunks = new Tensor[(int) (len / chunkSize)];
        for (int i = 0; i < chunks.length; i++) {
            chunks[i] = forwardChunk(x.slice(1, (long) i * chunkSize, (long) (i + 1) * chunkSize));
        }
        return Reshaping.concat(1, chunks);
    }

    /** The unchunked computation on any number of positions. */
    public Tensor forwardChunk(Tensor x) {
        return output.forward(activate(activation, dense.forward(layerNorm.forward(x))));
    }

    /** Hugging Face's ACT2FN names used by Reformer configurations. */
    static Tensor activate(String name, Tensor x) {
        boolean silu = name.equals("silu") || name.equals("swish");
        if (x == null) {
            if (!silu) {
                Elementwise.activation(name, Tensor.scalar(0, org.nd4j.linalg.api.buffer.DataType.FLOAT));
            }
            return null;
        }
        return silu ? x.mul(x.sigmoid()) : Elementwise.activation(name, x);
    }
}

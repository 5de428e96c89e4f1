package newarch.models.sandwich;

import newarch.attention.Masks;
import newarch.attention.PositionalEncoding;
import newarch.models.LanguageModel;
import newarch.models.TokenIds;
import newarch.nn.Dropout;
import newarch.nn.Embedding;
import newarch.nn.LayerNorm;
import newarch.nn.Module;
import newarch.nn.ModuleList;
import newarch.tensor.MatMul;
import newarch.tensor.Rng;
import newarch.tensor.Tensor;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A decoder-only language model whose sublayers follow a {@link SublayerOrder} (Press, Smith &amp; Levy 2020). With
 * the order (sf)ⁿ it is an ordinary n-layer causal Transformer; with sᵏ(sf)ⁿ⁻ᵏfᵏ it is the sandwich transformer,
 * which the paper found to lower perplexity on word-level language modelling at no cost in parameters or time.
 *
 * <p>As the paper's baseline (Baevski &amp; Auli 2019): token embeddings scaled by √d_model plus sinusoidal
 * positions, pre-norm sublayers with a final LayerNorm, and an output layer tied to the embedding.
 * Parameter names: {@code embedding.weight}, {@code sublayers.<i>.self_attn.*} or {@code sublayers.<i>.linear1/2.*},
 * {@code sublayers.<i>.norm.*}, and {@code norm.*} (pre-norm only).
 */
public class SandwichTransformer extends Module implements LanguageModel {
    private final SandwichConfig config;
    private final Embedding embedding;
    private final Dropout dropout;
    private final ModuleList<Sublayer> sublayers;
    private final LayerNorm norm;
    private INDArray positions;

    public SandwichTransformer(SandwichConfig c, Rng rng) {
        this.config = c;
        // N(0, 1/d): after the √d scale the embeddings have unit variance, like the position signal.
        this.embedding = child("embedding", new Embedding(c.vocabSize(), c.dModel(), 1 / Math.sqrt(c.dModel()), rng));
        this.dropout = child("dropout", new Dropout(c.dropout(), rng));
        SublayerOrder order = c.order();
        this.sublayers = child("sublayers", new ModuleList<>(order.length(),
                i -> order.isAttention(i) ? new SelfAttentionSublayer(c, rng) : new FeedForwardSublayer(c, rng)));
        this.norm = c.normFirst() ? child("norm", new LayerNorm(c.dModel(), c.layerNormEps())) : null;
    }

    /** Next-token logits [B, L, vocab] for tokens [B, L]. */
    @Override
    public Tensor logits(INDArray tokens) {
        Tensor h = transform(embed(tokens));                                 // [B, L, d]
        return MatMul.matmul(h, embedding.weight(), false, true);           // [B, L, vocab]
    }

    /** √d_model · E[token] + PE[position], with dropout: [B, L] → [B, L, d_model]. */
    public Tensor embed(INDArray tokens) {
        TokenIds.require("tokens", tokens, config.vocabSize(), "vocab_size", config.contextLength(), "context_length");
        Tensor x = embedding.forward(tokens).mul(Math.sqrt(config.dModel()));
        return dropout.forward(PositionalEncoding.addTo(x, Tensor.constant(positionTable(x.dataType()))));
    }

    /** The sublayers in order, then the final norm: [B, L, d_model] → [B, L, d_model], causal. */
    public Tensor transform(Tensor x) {
        long len = x.size(1);
        Tensor causal = Masks.causal(len, len, x.dataType()); // [L, L]
        for (Sublayer s : sublayers) {
            x = s.forward(x, causal);
        }
        return norm == null ? x : norm.forward(x);
    }

    private INDArray positionTable(DataType type) {
        if (positions == null || positions.dataType() != type) {
            positions = PositionalEncoding.sinusoidal(config.contextLength(), config.dModel(), 10000, type);
        }
        return positions;
    }

    @Override
    public int vocabularySize() {
        return config.vocabSize();
    }

    @Override
    public int contextLength() {
        return config.contextLength();
    }

    public SandwichConfig config() {
        return config;
    }

    public SublayerOrder order() {
        return config.order();
    }
}

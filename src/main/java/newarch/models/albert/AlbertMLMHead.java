package newarch.models.albert;

import newarch.models.bert.EncoderInit;
import newarch.models.bert.HiddenActivation;
import newarch.nn.Init;
import newarch.nn.LayerNorm;
import newarch.nn.Linear;
import newarch.nn.Module;
import newarch.tensor.MatMul;
import newarch.tensor.Rng;
import newarch.tensor.Tensor;

/**
 * ALBERT's masked-LM head ({@code predictions}): H → E with {@code dense}, activation, {@code LayerNorm}, then logits
 * against the E-wide token table (the decoder is tied to {@code word_embeddings.weight}) plus a bias [V] — the
 * factorisation again, on the way out.
 */
public class AlbertMLMHead extends Module {
    private final LayerNorm layerNorm;
    private final Tensor bias;
    private final Linear dense;
    private final HiddenActivation activation;

    public AlbertMLMHead(AlbertConfig c, Rng rng) {
        this.layerNorm = child("LayerNorm", new LayerNorm(c.embeddingSize(), c.layerNormEps()));
        this.bias = parameter("bias", Init.zeros(c.vocabSize()));
        this.dense = child("dense", EncoderInit.linear(c.hiddenSize(), c.embeddingSize(), c.initializerRange(), rng));
        this.activation = new HiddenActivation(c.hiddenAct(), "hidden_act");
    }

    /** hidden [B, L, H], the tied token table [V, E] → logits [B, L, V]. */
    public Tensor forward(Tensor hidden, Tensor wordEmbeddings) {
        Tensor h = layerNorm.forward(activation.apply(dense.forward(hidden)));     // [B, L, E]
        return MatMul.matmul(h, wordEmbeddings, false, true).add(bias);
    }
}

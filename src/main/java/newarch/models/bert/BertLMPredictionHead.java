package newarch.models.bert;

import newarch.nn.Init;
import newarch.nn.Module;
import newarch.tensor.MatMul;
import newarch.tensor.Rng;
import newarch.tensor.Tensor;

/**
 * The masked language model head ({@code cls.predictions}): transform, then logits over the vocabulary with the
 * decoder weight tied to the input token table (as Hugging Face ties {@code decoder.weight} to
 * {@code word_embeddings.weight}) plus an output-only bias [V].
 */
public class BertLMPredictionHead extends Module {
    private final BertPredictionHeadTransform transform;
    private final Tensor bias;

    public BertLMPredictionHead(BertConfig c, Rng rng) {
        this.transform = child("transform", new BertPredictionHeadTransform(c, rng));
        this.bias = parameter("bias", Init.zeros(c.vocabSize()));
    }

    /** hidden [B, L, H], the tied token table [V, H] → logits [B, L, V]. */
    public Tensor forward(Tensor hidden, Tensor wordEmbeddings) {
        return MatMul.matmul(transform.forward(hidden), wordEmbeddings, false, true).add(bias);
    }
}

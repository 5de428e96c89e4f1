package newarch.models;

import newarch.tensor.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;

/** A causal (decoder-only) language model: what the trainer, perplexity evaluation and sampling need. */
public interface LanguageModel {

    /** Next-token logits [batch, len, vocab] for tokens [batch, len]; position t sees tokens 0..t only. */
    Tensor logits(INDArray tokens);

    int vocabularySize();

    /** The longest context the model accepts (its position table). */
    int contextLength();
}

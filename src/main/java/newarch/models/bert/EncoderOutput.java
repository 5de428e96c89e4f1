package newarch.models.bert;

import newarch.tensor.Tensor;

/**
 * What a BERT-style encoder returns, as Hugging Face's {@code BaseModelOutputWithPooling}.
 *
 * @param lastHiddenState [B, L, H], one vector per token after the last layer
 * @param poolerOutput    [B, H], the first ([CLS]) token through the pooler's dense + tanh; null for models without
 *                        a pooler (DistilBERT)
 */
public record EncoderOutput(Tensor lastHiddenState, Tensor poolerOutput) {
}

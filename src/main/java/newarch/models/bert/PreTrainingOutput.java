package newarch.models.bert;

import newarch.tensor.Tensor;

/**
 * The outputs of a pre-training model (BERT's MLM + NSP, ALBERT's MLM + SOP).
 *
 * @param predictionLogits   masked-LM logits [B, L, V]
 * @param sentenceLogits     next-sentence (BERT) or sentence-order (ALBERT) logits [B, 2]
 * @param encoder            the encoder's own outputs
 */
public record PreTrainingOutput(Tensor predictionLogits, Tensor sentenceLogits, EncoderOutput encoder) {
}

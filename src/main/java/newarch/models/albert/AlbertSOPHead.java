package newarch.models.albert;

import newarch.models.bert.EncoderInit;
import newarch.nn.Dropout;
import newarch.nn.Linear;
import newarch.nn.Module;
import newarch.tensor.Rng;
import newarch.tensor.Tensor;

/**
 * Sentence-order prediction ({@code sop_classifier}): from the pooled output, are the two segments in their original
 * order (0) or swapped (1)? ALBERT replaced BERT's next-sentence task with it because telling a random next sentence
 * apart is mostly topic detection, while order needs coherence (§4.2).
 */
public class AlbertSOPHead extends Module {
    private final Dropout dropout;
    private final Linear classifier;

    /** @param classifierDropout Hugging Face's {@code classifier_dropout_prob} (0.1) */
    public AlbertSOPHead(AlbertConfig c, double classifierDropout, Rng rng) {
        this.dropout = child("dropout", new Dropout(classifierDropout, rng));
        this.classifier = child("classifier", EncoderInit.linear(c.hiddenSize(), 2, c.initializerRange(), rng));
    }

    /** pooled [B, H] → logits [B, 2]. */
    public Tensor forward(Tensor pooled) {
        return classifier.forward(dropout.forward(pooled));
    }
}

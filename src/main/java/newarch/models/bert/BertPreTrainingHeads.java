package newarch.models.bert;

import newarch.nn.Linear;
import newarch.nn.Module;
import newarch.tensor.Rng;
import newarch.tensor.Tensor;

/**
 * BERT's two pre-training heads ({@code cls}): {@code predictions}, the masked-LM head over every position, and
 * {@code seq_relationship}, next-sentence prediction from the pooled [CLS] vector (IsNext / NotNext).
 */
public class BertPreTrainingHeads extends Module {
    private final BertLMPredictionHead predictions;
    private final Linear seqRelationship;

    public BertPreTrainingHeads(BertConfig c, Rng rng) {
        this.predictions = child("predictions", new BertLMPredictionHead(c, rng));
        this.seqRelationship = child("seq_relationship", EncoderInit.linear(c.hiddenSize(), 2, c.initializerRange(), rng));
    }

    /** Masked-LM logits [B, L, V]. */
    public Tensor predictionLogits(Tensor hidden, Tensor wordEmbeddings) {
        return predictions.forward(hidden, wordEmbeddings);
    }

    /** Next-sentence logits [B, 2] from the pooled output [B, H]; index 0 means "B follows A". */
    public Tensor seqRelationshipLogits(Tensor pooled) {
        return seqRelationship.forward(pooled);
    }
}

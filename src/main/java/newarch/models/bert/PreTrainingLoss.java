package newarch.models.bert;

import newarch.tensor.Tensor;
import newarch.train.CrossEntropy;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * BERT's pre-training objective (§3.1, and ALBERT's with sentence order in place of next sentence): the mean
 * cross-entropy of the masked-LM predictions at the masked positions plus that of the two-way sentence task.
 * Labels follow Hugging Face: MLM labels [B, L] are the original token at masked positions and −100 elsewhere.
 */
public final class PreTrainingLoss {
    private static final CrossEntropy CROSS_ENTROPY = new CrossEntropy();

    private PreTrainingLoss() {
    }

    /**
     * @param mlmLabels      [B, L], −100 where no prediction is scored
     * @param sentenceLabels [B], 0 or 1
     */
    public static Tensor of(PreTrainingOutput out, INDArray mlmLabels, INDArray sentenceLabels) {
        Tensor logits = out.predictionLogits();                                    // [B, L, V]
        Tensor mlm = CROSS_ENTROPY.loss(logits.permute(0, 2, 1), mlmLabels);         // classes on dim 1
        return mlm.add(CROSS_ENTROPY.loss(out.sentenceLogits(), sentenceLabels));
    }
}

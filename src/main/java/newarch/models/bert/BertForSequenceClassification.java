package newarch.models.bert;

import newarch.nn.Dropout;
import newarch.nn.Linear;
import newarch.nn.Module;
import newarch.tensor.Rng;
import newarch.tensor.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Hugging Face's {@code BertForSequenceClassification}: the encoder with its pooler ({@code bert.*}), dropout, and
 * one linear layer ({@code classifier.*}) from the pooled [CLS] vector to the class logits. Fine-tuning starts from a
 * pre-trained {@code bert.*} and a freshly drawn classifier.
 */
public class BertForSequenceClassification extends Module {
    private final BertModel bert;
    private final Dropout dropout;
    private final Linear classifier;

    public BertForSequenceClassification(BertConfig config, int numLabels, Rng rng) {
        if (numLabels < 2) {
            throw new IllegalArgumentException("num_labels is " + numLabels + " but a classifier needs at least 2");
        }
        this.bert = child("bert", new BertModel(config, true, rng));
        this.dropout = child("dropout", new Dropout(config.hiddenDropoutProb(), rng));
        this.classifier = child("classifier", EncoderInit.linear(config.hiddenSize(), numLabels,
                config.initializerRange(), rng));
    }

    /** Class logits [B, numLabels] of padded ids [B, L] with their attention mask [B, L] (null: all real). */
    public Tensor forward(INDArray inputIds, INDArray attentionMask) {
        EncoderOutput out = bert.forward(inputIds, attentionMask, null);
        return classifier.forward(dropout.forward(out.poolerOutput()));
    }

    public BertModel bert() {
        return bert;
    }
}

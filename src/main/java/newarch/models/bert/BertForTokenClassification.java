package newarch.models.bert;

import newarch.nn.Dropout;
import newarch.nn.Linear;
import newarch.nn.Module;
import newarch.tensor.Rng;
import newarch.tensor.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Hugging Face's {@code BertForTokenClassification}: the encoder without pooler ({@code bert.*}), dropout, and one
 * linear layer ({@code classifier.*}) from every token's contextual vector to its label logits (e.g. part-of-speech
 * tags).
 */
public class BertForTokenClassification extends Module {
    private final BertModel bert;
    private final Dropout dropout;
    private final Linear classifier;

    public BertForTokenClassification(BertConfig config, int numLabels, Rng rng) {
        if (numLabels < 2) {
            throw new IllegalArgumentException("num_labels is " + numLabels + " but a tagger needs at least 2");
        }
        this.bert = child("bert", new BertModel(config, false, rng));
        this.dropout = child("dropout", new Dropout(config.hiddenDropoutProb(), rng));
        this.classifier = child("classifier", EncoderInit.linear(config.hiddenSize(), numLabels,
                config.initializerRange(), rng));
    }

    /** The encoder's output and the label logits [B, L, numLabels] of padded ids [B, L]. */
    public Output forward(INDArray inputIds, INDArray attentionMask) {
        EncoderOutput out = bert.forward(inputIds, attentionMask, null);
        return new Output(classifier.forward(dropout.forward(out.lastHiddenState())), out);
    }

    /** @param logits [B, L, numLabels]; @param encoder the contextual vectors behind them */
    public record Output(Tensor logits, EncoderOutput encoder) {
    }

    public BertModel bert() {
        return bert;
    }
}

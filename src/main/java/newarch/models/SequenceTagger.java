package newarch.models;

import newarch.tensor.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A model that labels every input position: token ids [batch, len] → logits [batch, len, vocab]. The Shuffle-Exchange
 * networks solve the algorithmic tasks this way (the answer written under the input, padded), and the trainer
 * trains any such model with {@code newarch.train.TaggingObjective}.
 */
public interface SequenceTagger {

    /** Per-position logits [batch, len, vocabularySize()] for ids [batch, len]. */
    Tensor tag(INDArray tokens);

    /** The number of output classes (the task's vocabulary, PAD included: it is the "no output here" label). */
    int vocabularySize();
}

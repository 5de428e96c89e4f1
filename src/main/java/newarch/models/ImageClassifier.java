package newarch.models;

import newarch.tensor.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A model that names the class of an image: pixels [batch, channels, height, width] → logits [batch, classes]. ViT,
 * MLP-Mixer and the small CNN are all trained this way by {@code newarch.train.ImageClassificationObjective}, so a
 * comparison between them changes nothing but the architecture.
 */
public interface ImageClassifier {

    /** Class logits [batch, numClasses()] for images [batch, channels, height, width] (float, values in [0, 1]). */
    Tensor forward(Tensor images);

    /** {@link #forward(Tensor)} on raw pixels, which need no gradient. */
    default Tensor forward(INDArray images) {
        return forward(Tensor.constant(images));
    }

    /** The same as {@link #forward(INDArray)}: the name the training objective and the notebooks use. */
    default Tensor classify(INDArray images) {
        return forward(images);
    }

    /** The number of classes of the head. */
    int numClasses();

    /** The image shape {channels, height, width} the model was built for. */
    long[] imageShape();
}

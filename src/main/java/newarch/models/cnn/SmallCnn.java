package newarch.models.cnn;

import newarch.models.ImageClassifier;
import newarch.nn.Linear;
import newarch.nn.Module;
import newarch.tensor.Rng;
import newarch.tensor.ShapeException;
import newarch.tensor.Shapes;
import newarch.tensor.Tensor;

/**
 * The convolutional baseline against which ViT and Mixer are compared at CPU scale (LeNet's shape): two stages of
 * convolution, ReLU and 2×2 pooling, then a linear head on the flattened maps. Its inductive bias — locality and
 * weight sharing across positions — is what ViT has to learn from data. Names {@code conv1}, {@code conv2},
 * {@code fc}.
 */
public class SmallCnn extends Module implements ImageClassifier {
    private final SmallCnnConfig config;
    private final Conv2d conv1;
    private final Conv2d conv2;
    private final Linear fc;

    public SmallCnn(SmallCnnConfig c, Rng rng) {
        this.config = c;
        this.conv1 = child("conv1", new Conv2d(c.numChannels(), c.channels1(), c.kernel(), c.kernel() / 2, rng));
        this.conv2 = child("conv2", new Conv2d(c.channels1(), c.channels2(), c.kernel(), c.kernel() / 2, rng));
        long side = c.imageSize() / 4;
        this.fc = child("fc", new Linear(c.channels2() * side * side, c.numClasses(), true, rng));
    }

    /** images [B, C, H, W] → class logits [B, classes]. */
    @Override
    public Tensor forward(Tensor images) {
        int s = config.imageSize();
        if (images.rank() != 4 || images.size(1) != config.numChannels() || images.size(2) != s || images.size(3) != s) {
            throw new ShapeException("small CNN: images are " + Shapes.show(images.data()) + " but must be [batch, "
                    + config.numChannels() + ", " + s + ", " + s + "]");
        }
        Tensor x = Pooling.apply(config.pooling(), conv1.forward(images).relu()); // [B, c1, H/2, W/2]
        x = Pooling.apply(config.pooling(), conv2.forward(x).relu());             // [B, c2, H/4, W/4]
        return fc.forward(x.reshape(x.size(0), -1));                             // [B, classes]
    }

    @Override
    public int numClasses() {
        return config.numClasses();
    }

    @Override
    public long[] imageShape() {
        return new long[] {config.numChannels(), config.imageSize(), config.imageSize()};
    }

    public SmallCnnConfig config() {
        return config;
    }
}

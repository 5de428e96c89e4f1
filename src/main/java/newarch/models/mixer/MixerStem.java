package newarch.models.mixer;

import newarch.models.vit.Patchify;
import newarch.nn.Init;
import newarch.nn.Module;
import newarch.tensor.MatMul;
import newarch.tensor.Rng;
import newarch.tensor.ShapeException;
import newarch.tensor.Shapes;
import newarch.tensor.Tensor;

/**
 * The per-patch fully-connected layer ({@code stem.proj}): every P×P patch, flattened, is projected linearly to C
 * channels. timm stores it as a Conv2d with kernel = stride = P ({@code proj.weight} [C, channels, P, P]); computed
 * here as {@link Patchify} followed by a matrix product with the weight viewed as [C, channels·P·P], which is the
 * same thing because the windows do not overlap.
 */
public class MixerStem extends Module {
    private final Projection proj;
    private final MixerConfig config;

    public MixerStem(MixerConfig c, Rng rng) {
        this.config = c;
        this.proj = child("proj", new Projection(c, rng));
    }

    /** images [B, channels, H, W] → patch tokens [B, S, C]. */
    public Tensor forward(Tensor images) {
        if (images.rank() != 4 || images.size(1) != config.numChannels() || images.size(2) != config.imageSize()
                || images.size(3) != config.imageSize()) {
            throw new ShapeException("Mixer: images are " + Shapes.show(images.data()) + " but must be [batch, "
                    + config.numChannels() + ", " + config.imageSize() + ", " + config.imageSize() + "]");
        }
        Tensor patches = Patchify.apply(images, config.patchSize());              // [B, S, channels·P·P]
        Tensor w = proj.weight.reshape(proj.weight.size(0), -1);                  // [C, channels·P·P]
        return MatMul.matmul(patches, w, false, true).add(proj.bias);             // [B, S, C]
    }

    /** The Conv2d's parameters under PyTorch's names. */
    static final class Projection extends Module {
        final Tensor weight;
        final Tensor bias;

        Projection(MixerConfig c, Rng rng) {
            long fanIn = (long) c.numChannels() * c.patchSize() * c.patchSize();
            this.weight = parameter("weight",
                    Init.linearUniform(rng, fanIn, c.hiddenSize(), c.numChannels(), c.patchSize(), c.patchSize()));
            this.bias = parameter("bias", Init.linearUniform(rng, fanIn, c.hiddenSize()));
        }
    }
}

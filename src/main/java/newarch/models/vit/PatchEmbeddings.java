package newarch.models.vit;

import newarch.nn.Init;
import newarch.nn.Module;
import newarch.tensor.MatMul;
import newarch.tensor.Rng;
import newarch.tensor.Tensor;

/**
 * ViT's patch embedding ({@code patch_embeddings}): each p×p patch of every channel is projected linearly to D
 * numbers. Hugging Face stores the projection as a Conv2d with kernel size = stride = p ({@code projection.weight}
 * [D, C, p, p], {@code projection.bias} [D]); a convolution whose windows do not overlap is a matrix product with the
 * {@link Patchify flattened patches}, which is how it is computed here.
 */
public class PatchEmbeddings extends Module {
    private final Projection projection;
    private final int patchSize;

    public PatchEmbeddings(int numChannels, int patchSize, int hiddenSize, Rng rng) {
        this.patchSize = patchSize;
        this.projection = child("projection", new Projection(numChannels, patchSize, hiddenSize, rng));
    }

    /** images [B, C, H, W] → patch tokens [B, N, D], patches in row-major order. */
    public Tensor forward(Tensor images) {
        Tensor patches = Patchify.apply(images, patchSize);                        // [B, N, C·p·p]
        Tensor w = projection.weight.reshape(projection.weight.size(0), -1);       // [D, C·p·p]
        return MatMul.matmul(patches, w, false, true).add(projection.bias);        // [B, N, D]
    }

    /** The Conv2d's parameters under PyTorch's names. */
    static final class Projection extends Module {
        final Tensor weight;
        final Tensor bias;

        Projection(int channels, int patchSize, int hiddenSize, Rng rng) {
            long fanIn = (long) channels * patchSize * patchSize;
            this.weight = parameter("weight", Init.linearUniform(rng, fanIn, hiddenSize, channels, patchSize, patchSize));
            this.bias = parameter("bias", Init.linearUniform(rng, fanIn, hiddenSize));
        }
    }
}

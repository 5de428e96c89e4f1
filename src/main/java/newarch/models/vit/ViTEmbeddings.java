package newarch.models.vit;

import newarch.nn.Init;
import newarch.nn.Module;
import newarch.tensor.Reshaping;
import newarch.tensor.Rng;
import newarch.tensor.ShapeException;
import newarch.tensor.Shapes;
import newarch.tensor.Tensor;

/**
 * The input sequence of ViT (paper eq. 1): z₀ = [x_class; x¹E; …; xᴺE] + E_pos. A learned [CLS] token is put in front
 * of the N patch embeddings, whose final state summarises the image, and a learned position embedding is added to
 * each of the N+1 tokens, since attention alone does not know where a patch came from.
 */
public class ViTEmbeddings extends Module {
    private final ViTConfig config;
    private final Tensor clsToken;
    private final Tensor positionEmbeddings;
    private final PatchEmbeddings patchEmbeddings;

    public ViTEmbeddings(ViTConfig config, Rng rng) {
        this.config = config;
        int d = config.hiddenSize();
        this.clsToken = parameter("cls_token", Init.normal(rng, 0.02, 1, 1, d));
        this.positionEmbeddings = parameter("position_embeddings",
                Init.normal(rng, 0.02, 1, config.numPatches() + 1, d));
        this.patchEmbeddings = child("patch_embeddings",
                new PatchEmbeddings(config.numChannels(), config.patchSize(), d, rng));
    }

    /** pixel values [B, C, image_size, image_size] → tokens [B, N+1, D], [CLS] first. */
    public Tensor forward(Tensor pixelValues) {
        long[] s = pixelValues.shape();
        if (s.length != 4 || s[1] != config.numChannels() || s[2] != config.imageSize() || s[3] != config.imageSize()) {
            throw new ShapeException("ViT: pixel_values are " + Shapes.show(pixelValues.data()) + " but must be [batch, "
                    + config.numChannels() + ", " + config.imageSize() + ", " + config.imageSize()
                    + "] (num_channels, image_size, image_size)");
        }
        Tensor patches = patchEmbeddings.forward(pixelValues);                              // [B, N, D]
        Tensor cls = Reshaping.expand(clsToken, s[0], 1, config.hiddenSize());              // [B, 1, D]
        return Reshaping.concat(1, cls, patches).add(positionEmbeddings);                   // [B, N+1, D]
    }
}

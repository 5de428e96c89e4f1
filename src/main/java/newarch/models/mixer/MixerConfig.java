package newarch.models.mixer;

/**
 * The hyper-parameters of MLP-Mixer (Tolstikhin et al. 2021, "MLP-Mixer: An all-MLP Architecture for Vision"),
 * in the paper's names. An image of {@code imageSize}² pixels is cut into S = (imageSize/patchSize)² patches, each
 * projected to C = {@code hiddenSize} channels; every layer then mixes across patches (an MLP of width
 * D_S = {@code tokensMlpDim}) and across channels (an MLP of width D_C = {@code channelsMlpDim}).
 *
 * @param imageSize      height = width of the input
 * @param patchSize      side P of a patch; it must divide the image size
 * @param numChannels    input channels (1 for grey digits, 3 for RGB)
 * @param hiddenSize     C, the width of every patch token
 * @param tokensMlpDim   D_S, the hidden width of the token-mixing MLP (timm: 0.5·C)
 * @param channelsMlpDim D_C, the hidden width of the channel-mixing MLP (timm: 4·C)
 * @param numLayers      Mixer layers
 * @param numClasses     classes of the linear head
 * @param layerNormEps   ε of every LayerNorm (timm: 1e-6)
 */
public record MixerConfig(int imageSize, int patchSize, int numChannels, int hiddenSize, int tokensMlpDim,
                          int channelsMlpDim, int numLayers, int numClasses, double layerNormEps) {
    public MixerConfig {
        if (imageSize <= 0 || patchSize <= 0 || imageSize % patchSize != 0) {
            throw new IllegalArgumentException("Mixer config: image size " + imageSize
                    + " must be a positive multiple of patch size " + patchSize);
        }
        if (numChannels <= 0 || hiddenSize <= 0 || tokensMlpDim <= 0 || channelsMlpDim <= 0 || numClasses <= 0
                || numLayers < 0) {
            throw new IllegalArgumentException("Mixer config: channels " + numChannels + ", hidden " + hiddenSize
                    + ", tokens MLP " + tokensMlpDim + ", channels MLP " + channelsMlpDim + ", classes " + numClasses
                    + " must be positive and layers " + numLayers + " not negative");
        }
        if (!(layerNormEps > 0)) {
            throw new IllegalArgumentException("Mixer config: layer norm eps " + layerNormEps + " must be positive");
        }
    }

    /** timm's proportions (D_S = C/2, D_C = 4·C, ε = 1e-6) with these sizes. */
    public static MixerConfig of(int imageSize, int patchSize, int numChannels, int hiddenSize, int numLayers,
                                 int numClasses) {
        return new MixerConfig(imageSize, patchSize, numChannels, hiddenSize, Math.max(1, hiddenSize / 2),
                4 * hiddenSize, numLayers, numClasses, 1e-6);
    }

    /** Mixer-B/16 on 224² RGB images with ImageNet-1k's 1000 classes (paper Table 1: S/16 … H/14). */
    public static MixerConfig base16() {
        return new MixerConfig(224, 16, 3, 768, 384, 3072, 12, 1000, 1e-6);
    }

    /** A CPU-sized Mixer for 28² grey digits: 7² patches of 4×4, C 64, 4 layers, 10 classes. */
    public static MixerConfig tiny() {
        return new MixerConfig(28, 4, 1, 64, 32, 256, 4, 10, 1e-6);
    }

    /** S, the number of patches (tokens) per image. */
    public int numPatches() {
        int side = imageSize / patchSize;
        return side * side;
    }
}

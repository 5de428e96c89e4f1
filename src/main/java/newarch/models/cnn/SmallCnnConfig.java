package newarch.models.cnn;

/**
 * A two-stage convolutional baseline: [conv k×k (same padding) → ReLU → 2×2 pool] × 2 → linear head.
 *
 * @param imageSize   height = width of the input; divisible by 4 (two 2×2 poolings)
 * @param numChannels input channels
 * @param channels1   feature maps of the first convolution
 * @param channels2   feature maps of the second convolution
 * @param kernel      odd kernel side (the padding k/2 keeps the size)
 * @param pooling     average or max pooling
 * @param numClasses  classes of the head
 */
public record SmallCnnConfig(int imageSize, int numChannels, int channels1, int channels2, int kernel,
                             Pooling.Kind pooling, int numClasses) {
    public SmallCnnConfig {
        if (imageSize <= 0 || imageSize % 4 != 0) {
            throw new IllegalArgumentException("small CNN config: image size " + imageSize
                    + " must be a positive multiple of 4 (two 2×2 poolings)");
        }
        if (kernel <= 0 || kernel % 2 == 0) {
            throw new IllegalArgumentException("small CNN config: kernel " + kernel + " must be odd and positive");
        }
        if (numChannels <= 0 || channels1 <= 0 || channels2 <= 0 || numClasses <= 0 || pooling == null) {
            throw new IllegalArgumentException("small CNN config: channels " + numChannels + ", " + channels1 + ", "
                    + channels2 + " and classes " + numClasses + " must be positive, pooling " + pooling + " set");
        }
    }

    /** For 28² grey digits: 3×3 convolutions of 8 and 16 maps, max pooling, 10 classes. */
    public static SmallCnnConfig small() {
        return new SmallCnnConfig(28, 1, 8, 16, 3, Pooling.Kind.MAX, 10);
    }
}

package newarch.models.vit;

import newarch.tensor.ShapeException;
import newarch.tensor.Shapes;
import newarch.tensor.Tensor;

/**
 * Cuts images into non-overlapping square patches and flattens each: [B, C, H, W] → [B, N, C·p·p] with
 * N = (H/p)·(W/p). Patches run row by row (left to right, then top to bottom) and each patch is flattened channel
 * first, then row, then column — the order of a Conv2d weight [D, C, p, p] flattened to [D, C·p·p]. So
 * {@code patchify(x) · Wᵀ} is exactly the convolution with kernel size = stride = p that ViT's paper describes as the
 * patch embedding ("a linear projection of flattened patches").
 *
 * <p>It is two reshapes and a permutation, so the gradient is the inverse rearrangement.
 */
public final class Patchify {
    private Patchify() {
    }

    /**
     * @param images    [B, C, H, W]
     * @param patchSize p, which must divide H and W
     * @return [B, (H/p)·(W/p), C·p·p]
     */
    public static Tensor apply(Tensor images, int patchSize) {
        if (images.rank() != 4) {
            throw new ShapeException("patchify: images are " + Shapes.show(images.data())
                    + " but must be [batch, channels, height, width]");
        }
        long b = images.size(0);
        long c = images.size(1);
        long h = images.size(2);
        long w = images.size(3);
        if (patchSize <= 0 || h % patchSize != 0 || w % patchSize != 0) {
            throw new ShapeException("patchify: images are " + Shapes.show(images.data()) + " but patch size "
                    + patchSize + " must divide the height " + h + " and the width " + w);
        }
        long rows = h / patchSize;
        long cols = w / patchSize;
        return images.reshape(b, c, rows, patchSize, cols, patchSize) // [B, C, rows, p, cols, p]
                .permute(0, 2, 4, 1, 3, 5)                            // [B, rows, cols, C, p, p]
                .reshape(b, rows * cols, c * patchSize * patchSize);  // [B, N, C·p·p]
    }

    /** The inverse: [B, N, C·p·p] patches back to [B, C, rows·p, cols·p] images ({@code rows·cols = N}). */
    public static Tensor unpatchify(Tensor patches, int patchSize, long channels, long rows, long cols) {
        if (patches.rank() != 3 || patches.size(1) != rows * cols
                || patches.size(2) != channels * patchSize * patchSize) {
            throw new ShapeException("unpatchify: patches are " + Shapes.show(patches.data()) + " but must be [batch, "
                    + rows * cols + ", " + channels * patchSize * patchSize + "] for " + rows + "×" + cols + " patches of "
                    + channels + "×" + patchSize + "×" + patchSize);
        }
        long b = patches.size(0);
        return patches.reshape(b, rows, cols, channels, patchSize, patchSize)
                .permute(0, 3, 1, 4, 2, 5)                             // [B, C, rows, p, cols, p]
                .reshape(b, channels, rows * patchSize, cols * patchSize);
    }
}

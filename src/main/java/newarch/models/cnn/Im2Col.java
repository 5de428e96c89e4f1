package newarch.models.cnn;

import newarch.tensor.Reshaping;
import newarch.tensor.ShapeException;
import newarch.tensor.Shapes;
import newarch.tensor.Tensor;
import org.nd4j.linalg.factory.Nd4j;

/**
 * im2col ("unfold"): every k×k window of a [B, C, H, W] image, stride 1, becomes one row of C·k·k numbers, so a
 * convolution is one matrix product of these rows with the kernel flattened to [C_out, C·k·k]. The windows are
 * gathered with k² shifted slices of the (zero-padded) image — k² tensor ops, not a loop over pixels — so the
 * gradient is the autodiff of slice and concat: each pixel collects the gradients of every window it appears in.
 */
public final class Im2Col {
    private Im2Col() {
    }

    /**
     * @param images  [B, C, H, W]
     * @param kernel  k, the window side
     * @param padding zeros added on each side (k/2 keeps H and W for odd k)
     * @return [B, H', W', C·k·k] with H' = H + 2·padding − k + 1, each row ordered channel, then window row, then
     *         window column — the order of a PyTorch Conv2d weight [C_out, C, k, k] flattened
     */
    public static Tensor unfold(Tensor images, int kernel, int padding) {
        if (images.rank() != 4) {
            throw new ShapeException("im2col: images are " + Shapes.show(images.data())
                    + " but must be [batch, channels, height, width]");
        }
        if (kernel <= 0 || padding < 0) {
            throw new IllegalArgumentException("im2col: kernel " + kernel + " must be positive and padding "
                    + padding + " not negative");
        }
        Tensor x = pad(images, padding);
        long b = x.size(0);
        long c = x.size(1);
        long outH = x.size(2) - kernel + 1;
        long outW = x.size(3) - kernel + 1;
        if (outH <= 0 || outW <= 0) {
            throw new ShapeException("im2col: images are " + Shapes.show(images.data()) + " but a " + kernel + "×"
                    + kernel + " kernel with padding " + padding + " does not fit");
        }
        Tensor[] shifted = new Tensor[kernel * kernel];
        for (int i = 0; i < kernel; i++) {
            for (int j = 0; j < kernel; j++) {
                // Pixel (y + i, x + j) for every output position (y, x): one shifted view of the whole image.
                Tensor s = x.slice(2, i, i + outH).slice(3, j, j + outW);   // [B, C, H', W']
                shifted[i * kernel + j] = s.reshape(b, c, 1, outH, outW);
            }
        }
        return Reshaping.concat(2, shifted)                   // [B, C, k·k, H', W']
                .permute(0, 3, 4, 1, 2)                        // [B, H', W', C, k·k]
                .reshape(b, outH, outW, c * kernel * kernel);  // [B, H', W', C·k·k]
    }

    /** Zero padding on both sides of height and width, by concatenation with constant zeros. */
    static Tensor pad(Tensor x, int p) {
        if (p == 0) {
            return x;
        }
        long b = x.size(0);
        long c = x.size(1);
        long h = x.size(2);
        long w = x.size(3);
        Tensor rows = Tensor.constant(Nd4j.zeros(x.dataType(), b, c, p, w));
        Tensor tall = Reshaping.concat(2, rows, x, rows);                       // [B, C, H+2p, W]
        Tensor cols = Tensor.constant(Nd4j.zeros(x.dataType(), b, c, h + 2L * p, p));
        return Reshaping.concat(3, cols, tall, cols);                           // [B, C, H+2p, W+2p]
    }
}

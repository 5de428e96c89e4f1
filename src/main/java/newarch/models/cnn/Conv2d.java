package newarch.models.cnn;

import newarch.nn.Init;
import newarch.nn.Module;
import newarch.tensor.MatMul;
import newarch.tensor.Rng;
import newarch.tensor.ShapeException;
import newarch.tensor.Shapes;
import newarch.tensor.Tensor;

/**
 * A 2-d convolution with stride 1 as {@link Im2Col} plus one matrix product: out = unfold(x) · Wᵀ + b with
 * W [C_out, C_in, k, k] and b [C_out] under PyTorch's names ({@code weight}, {@code bias}).
 */
public class Conv2d extends Module {
    private final int inChannels;
    private final int outChannels;
    private final int kernel;
    private final int padding;
    private final Tensor weight;
    private final Tensor bias;

    public Conv2d(int inChannels, int outChannels, int kernel, int padding, Rng rng) {
        if (inChannels <= 0 || outChannels <= 0 || kernel <= 0 || padding < 0) {
            throw new IllegalArgumentException("Conv2d: in_channels " + inChannels + ", out_channels " + outChannels
                    + ", kernel_size " + kernel + " must be positive and padding " + padding + " not negative");
        }
        this.inChannels = inChannels;
        this.outChannels = outChannels;
        this.kernel = kernel;
        this.padding = padding;
        long fanIn = (long) inChannels * kernel * kernel;
        this.weight = parameter("weight", Init.linearUniform(rng, fanIn, outChannels, inChannels, kernel, kernel));
        this.bias = parameter("bias", Init.linearUniform(rng, fanIn, outChannels));
    }

    /** [B, C_in, H, W] → [B, C_out, H', W'] with H' = H + 2·padding − k + 1. */
    public Tensor forward(Tensor x) {
        if (x.rank() != 4 || x.size(1) != inChannels) {
            throw new ShapeException("Conv2d(" + inChannels + "→" + outChannels + "): input is "
                    + Shapes.show(x.data()) + " but must be [batch, " + inChannels + ", height, width]");
        }
        Tensor columns = Im2Col.unfold(x, kernel, padding);                       // [B, H', W', C_in·k·k]
        Tensor w = weight.reshape(outChannels, (long) inChannels * kernel * kernel); // [C_out, C_in·k·k]
        Tensor y = MatMul.matmul(columns, w, false, true).add(bias);             // [B, H', W', C_out]
        return y.permute(0, 3, 1, 2);                                             // [B, C_out, H', W']
    }

    public int outChannels() {
        return outChannels;
    }
}

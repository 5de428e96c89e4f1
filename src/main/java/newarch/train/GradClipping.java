package newarch.train;

import java.util.List;
import newarch.tensor.Tensor;

/** Rescales gradients so their global L2 norm is at most {@code maxNorm} (torch.nn.utils.clip_grad_norm_). */
public final class GradClipping {
    private GradClipping() {
    }

    /** Returns the norm before clipping, which is worth logging: spikes show instability early. */
    public static double clipGradNorm(List<Tensor> parameters, double maxNorm) {
        if (maxNorm <= 0) {
            throw new IllegalArgumentException("max_norm is " + maxNorm + " but must be positive");
        }
        double sumSquares = 0;
        for (Tensor p : parameters) {
            if (p.grad() != null) {
                double n = p.grad().norm2Number().doubleValue();
                sumSquares += n * n;
            }
        }
        double norm = Math.sqrt(sumSquares);
        double factor = maxNorm / (norm + 1e-6);
        if (factor < 1) {
            for (Tensor p : parameters) {
                if (p.grad() != null) {
                    p.grad().muli(factor);
                }
            }
        }
        return norm;
    }
}

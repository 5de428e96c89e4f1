package newarch.models.cnn;

import newarch.tensor.Reductions;
import newarch.tensor.ShapeException;
import newarch.tensor.Shapes;
import newarch.tensor.Tensor;

/**
 * Non-overlapping 2×2 pooling (stride 2) of [B, C, H, W] feature maps. Each 2×2 window is made an axis of its own by a
 * reshape and a permutation, then averaged or maximised, so the gradient comes from the reduction: a quarter to each
 * pixel for the average, all of it to the (first) largest pixel for the maximum.
 */
public final class Pooling {
    public enum Kind { AVERAGE, MAX }

    private Pooling() {
    }

    public static Tensor average2x2(Tensor x) {
        return windows(x, "average pooling").mean(4);              // [B, C, H/2, W/2]
    }

    public static Tensor max2x2(Tensor x) {
        Tensor w = windows(x, "max pooling");                      // [B, C, H/2, W/2, 4]
        return Reductions.max(w, 4).reshape(w.size(0), w.size(1), w.size(2), w.size(3));
    }

    public static Tensor apply(Kind kind, Tensor x) {
        return kind == Kind.MAX ? max2x2(x) : average2x2(x);
    }

    /** [B, C, H, W] → [B, C, H/2, W/2, 4]: the four pixels of each window on the last axis. */
    private static Tensor windows(Tensor x, String what) {
        if (x.rank() != 4 || x.size(2) % 2 != 0 || x.size(3) % 2 != 0) {
            throw new ShapeException(what + ": input is " + Shapes.show(x.data())
                    + " but must be [batch, channels, height, width] with even height and width");
        }
        long b = x.size(0);
        long c = x.size(1);
        long h = x.size(2) / 2;
        long w = x.size(3) / 2;
        return x.reshape(b, c, h, 2, w, 2)      // [B, C, H/2, 2, W/2, 2]
                .permute(0, 1, 2, 4, 3, 5)       // [B, C, H/2, W/2, 2, 2]
                .reshape(b, c, h, w, 4);
    }
}

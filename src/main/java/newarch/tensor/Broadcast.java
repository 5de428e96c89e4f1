package newarch.tensor;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * NumPy broadcasting, stated explicitly: shapes are aligned from the right and each pair of sizes must be
 * equal or contain a 1. Anything else is an error that shows both shapes, never a silent reshape.
 */
public final class Broadcast {
    private Broadcast() {
    }

    public static long[] shape(String what, String aName, long[] a, String bName, long[] b) {
        int rank = Math.max(a.length, b.length);
        long[] out = new long[rank];
        for (int i = 0; i < rank; i++) {
            long x = dimFromRight(a, rank - 1 - i);
            long y = dimFromRight(b, rank - 1 - i);
            if (x != y && x != 1 && y != 1) {
                throw new ShapeException(what + ": " + aName + " is " + Shapes.show(a) + " but " + bName + " is "
                        + Shapes.show(b) + ": sizes must match or be 1 in each dimension, counted from the right");
            }
            out[i] = Math.max(x, y);
        }
        return out;
    }

    private static long dimFromRight(long[] s, int posFromRight) {
        int i = s.length - 1 - posFromRight;
        return i >= 0 ? s[i] : 1;
    }

    /** A view-free copy of {@code a} broadcast to {@code shape}, padding missing leading dimensions with 1. */
    public static INDArray to(INDArray a, long[] shape) {
        if (java.util.Arrays.equals(a.shape(), shape)) {
            return a;
        }
        INDArray src = a;
        if (a.rank() < shape.length) {
            long[] padded = new long[shape.length];
            java.util.Arrays.fill(padded, 1);
            System.arraycopy(a.shape(), 0, padded, shape.length - a.rank(), a.rank());
            src = a.reshape('c', padded);
        }
        return src.broadcast(shape);
    }

    /** Sums a gradient of the broadcast shape back to the shape of an operand. */
    public static INDArray reduceTo(INDArray grad, long[] target) {
        long[] g = grad.shape();
        if (java.util.Arrays.equals(g, target)) {
            return grad;
        }
        int lead = g.length - target.length;
        if (lead > 0 && java.util.Arrays.equals(java.util.Arrays.copyOfRange(g, lead, g.length), target)) {
            // The common bias case, [..., n] → [n]: one column sum over a 2-d view beats a reduction over axes.
            long cols = Shapes.product(target);
            return MatMul.columnSums(Reshaping.contiguous(grad).reshape('c', grad.length() / cols, cols))
                    .reshape('c', target);
        }
        int n = 0;
        int[] axes = new int[g.length];
        for (int i = 0; i < g.length; i++) {
            if (i < lead || (target[i - lead] == 1 && g[i] != 1)) {
                axes[n++] = i;
            }
        }
        INDArray summed = n == 0 ? grad : grad.sum(true, java.util.Arrays.copyOf(axes, n));
        return summed.reshape('c', target);
    }
}

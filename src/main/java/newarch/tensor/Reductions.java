package newarch.tensor;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Sums, means and maxima over axes; the gradient is broadcast back over the reduced axes. */
public final class Reductions {
    private Reductions() {
    }

    public static Tensor sum(Tensor t, boolean keepDims, int... axes) {
        int[] ax = normalise(t, "sum", axes);
        long[] shape = t.shape();
        INDArray kept = t.data().sum(true, ax);
        INDArray value = keepDims ? kept : kept.reshape('c', dropAxes(shape, ax));
        return Tensor.fromOp("sum", value,
                g -> new INDArray[] {g.reshape('c', kept.shape()).broadcast(shape).dup('c')}, t);
    }

    public static Tensor mean(Tensor t, boolean keepDims, int... axes) {
        int[] ax = normalise(t, "mean", axes);
        long count = 1;
        for (int a : ax) {
            count *= t.size(a);
        }
        return sum(t, keepDims, ax).mul(1.0 / count);
    }

    public static Tensor sumAll(Tensor t) {
        long[] shape = t.shape();
        INDArray value = Nd4j.scalar(t.dataType(), t.data().sumNumber().doubleValue());
        return Tensor.fromOp("sumAll", value,
                g -> new INDArray[] {Nd4j.valueArrayOf(shape, g.getDouble(0), g.dataType())}, t);
    }

    public static Tensor meanAll(Tensor t) {
        return sumAll(t).mul(1.0 / Math.max(1, t.data().length()));
    }

    /** Maximum over one axis, kept as size 1; the gradient goes to the first maximal element of each slice. */
    public static Tensor max(Tensor t, int axis) {
        int ax = Shapes.axis(axis, t.rank(), "max");
        INDArray value = t.data().max(true, ax);
        return Tensor.fromOp("max", value, g -> {
            INDArray argmax = Nd4j.argMax(t.data(), ax);
            INDArray onehot = Indexing.oneHotAlong(argmax, t.shape(), ax, t.dataType());
            return new INDArray[] {Arithmetic.times(onehot, g)};
        }, t);
    }

    private static int[] normalise(Tensor t, String op, int[] axes) {
        if (axes.length == 0) {
            throw new ShapeException(op + ": give at least one axis (use " + op + "All for all elements)");
        }
        int[] out = new int[axes.length];
        for (int i = 0; i < axes.length; i++) {
            out[i] = Shapes.axis(axes[i], t.rank(), op);
        }
        return out;
    }

    private static long[] dropAxes(long[] shape, int[] axes) {
        boolean[] drop = new boolean[shape.length];
        int n = 0;
        for (int a : axes) {
            if (!drop[a]) {
                drop[a] = true;
                n++;
            }
        }
        long[] out = new long[shape.length - n];
        for (int i = 0, j = 0; i < shape.length; i++) {
            if (!drop[i]) {
                out[j++] = shape[i];
            }
        }
        return out;
    }
}

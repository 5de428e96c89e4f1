package newarch.tensor;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Shape checks whose messages name the argument, its shape and what was expected. */
public final class Shapes {
    private Shapes() {
    }

    public static String show(INDArray a) {
        return show(a.shape());
    }

    public static String show(long[] shape) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < shape.length; i++) {
            sb.append(i == 0 ? "" : ",").append(shape[i]);
        }
        return sb.append(']').toString();
    }

    /** Normalises a possibly negative axis, or says which argument was out of range. */
    public static int axis(int axis, int rank, String what) {
        int a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= rank) {
            throw new ShapeException(what + ": axis " + axis + " is out of range for rank " + rank);
        }
        return a;
    }

    public static void requireRank(String name, Tensor t, int... allowed) {
        for (int r : allowed) {
            if (t.rank() == r) {
                return;
            }
        }
        throw new ShapeException(name + " is " + show(t.data()) + " but must have rank "
                + (allowed.length == 1 ? allowed[0] : Arrays.toString(allowed)));
    }

    public static void requireMinRank(String name, Tensor t, int min) {
        if (t.rank() < min) {
            throw new ShapeException(name + " is " + show(t.data()) + " but must have at least " + min + " dimensions");
        }
    }

    public static void requireSize(String name, Tensor t, int axis, long expected, String meaning) {
        long got = t.size(axis);
        if (got != expected) {
            throw new ShapeException(name + " is " + show(t.data()) + " but its dimension " + axis + " must be "
                    + expected + " (" + meaning + ")");
        }
    }

    public static void requireShape(String name, Tensor t, long... expected) {
        if (!Arrays.equals(t.shape(), expected)) {
            throw new ShapeException(name + " is " + show(t.data()) + " but must be " + show(expected));
        }
    }

    public static void requireSameType(String aName, INDArray a, String bName, INDArray b) {
        if (a.dataType() != b.dataType()) {
            throw new ShapeException(aName + " is " + a.dataType() + " " + show(a) + " but " + bName + " is "
                    + b.dataType() + " " + show(b) + ": convert one of them first");
        }
    }

    public static void requireFloating(String name, Tensor t) {
        if (!t.dataType().isFPType()) {
            throw new ShapeException(name + " is " + t.dataType() + " " + show(t.data())
                    + " but must be floating point (FLOAT or DOUBLE)");
        }
    }

    public static void requireFinite(String name, Tensor t) {
        if (t.data().isNaN().any()) {
            throw new ShapeException(name + " " + show(t.data()) + " contains NaN");
        }
    }

    public static long product(long[] shape) {
        long n = 1;
        for (long s : shape) {
            n *= s;
        }
        return n;
    }
}

package newarch.tensor;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Ops that move elements without changing them: reshape, permute, slice, concat, split, broadcast. */
public final class Reshaping {
    private Reshaping() {
    }

    /** Reshape in row-major order; one size may be -1 and is then inferred. */
    public static Tensor reshape(Tensor t, long... shape) {
        long[] target = inferShape(t, shape);
        long[] original = t.shape();
        if (Arrays.equals(target, original)) {
            return t;
        }
        INDArray value = contiguous(t.data()).reshape('c', target);
        return Tensor.fromOp("reshape", value, g -> new INDArray[] {contiguous(g).reshape('c', original)}, t);
    }

    private static long[] inferShape(Tensor t, long[] shape) {
        long known = 1;
        int free = -1;
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] == -1) {
                if (free >= 0) {
                    throw new ShapeException("reshape: only one size may be -1, got " + Arrays.toString(shape));
                }
                free = i;
            } else {
                known *= shape[i];
            }
        }
        long n = t.data().length();
        long[] out = shape.clone();
        if (free >= 0 && known != 0 && n % known == 0) {
            out[free] = n / known;
        }
        if (Shapes.product(out) != n || (free >= 0 && known == 0)) {
            throw new ShapeException("reshape: " + t.label("input") + " is " + Shapes.show(t.data()) + " (" + n
                    + " elements) and cannot become " + Arrays.toString(shape));
        }
        return out;
    }

    public static Tensor permute(Tensor t, int... axes) {
        int rank = t.rank();
        if (axes.length != rank) {
            throw new ShapeException("permute: " + t.label("input") + " is " + Shapes.show(t.data()) + " but "
                    + Arrays.toString(axes) + " names " + axes.length + " axes");
        }
        int[] norm = new int[rank];
        int[] inverse = new int[rank];
        boolean[] seen = new boolean[rank];
        for (int i = 0; i < rank; i++) {
            norm[i] = Shapes.axis(axes[i], rank, "permute");
            if (seen[norm[i]]) {
                throw new ShapeException("permute: " + t.label("input") + " is " + Shapes.show(t.data()) + " but axis "
                        + axes[i] + " appears twice in " + Arrays.toString(axes));
            }
            seen[norm[i]] = true;
            inverse[norm[i]] = i;
        }
        // Materialise in row-major order: the BLAS-backed ops that follow run fastest on contiguous data.
        INDArray value = t.data().permute(norm).dup('c');
        return Tensor.fromOp("permute", value, g -> new INDArray[] {g.permute(inverse).dup('c')}, t);
    }

    public static Tensor transpose(Tensor t, int a, int b) {
        int rank = t.rank();
        int[] axes = new int[rank];
        for (int i = 0; i < rank; i++) {
            axes[i] = i;
        }
        int x = Shapes.axis(a, rank, "transpose");
        int y = Shapes.axis(b, rank, "transpose");
        axes[x] = y;
        axes[y] = x;
        return permute(t, axes);
    }

    /** Elements {@code from} (inclusive) to {@code to} (exclusive) along {@code axis}. */
    public static Tensor slice(Tensor t, int axis, long from, long to) {
        int ax = Shapes.axis(axis, t.rank(), "slice");
        long size = t.size(ax);
        if (from < 0 || to > size || from > to) {
            throw new ShapeException("slice: " + t.label("input") + " is " + Shapes.show(t.data()) + " and has no range ["
                    + from + ", " + to + ") along axis " + axis);
        }
        if (from == 0 && to == size) {
            return t;
        }
        INDArrayIndex[] idx = range(t.rank(), ax, from, to);
        INDArray value = t.data().get(idx).dup('c');
        long[] shape = t.shape();
        return Tensor.fromOp("slice", value, g -> {
            INDArray full = Nd4j.zeros(g.dataType(), shape);
            full.get(idx).assign(g);
            return new INDArray[] {full};
        }, t);
    }

    static INDArrayIndex[] range(int rank, int axis, long from, long to) {
        INDArrayIndex[] idx = new INDArrayIndex[rank];
        for (int i = 0; i < rank; i++) {
            idx[i] = i == axis ? NDArrayIndex.interval(from, to) : NDArrayIndex.all();
        }
        return idx;
    }

    public static Tensor concat(int axis, Tensor... parts) {
        if (parts.length == 0) {
            throw new ShapeException("concat: no tensors given");
        }
        int rank = parts[0].rank();
        int ax = Shapes.axis(axis, rank, "concat");
        INDArray[] datas = new INDArray[parts.length];
        long[] offsets = new long[parts.length + 1];
        for (int i = 0; i < parts.length; i++) {
            long[] s = parts[i].shape();
            long[] s0 = parts[0].shape();
            boolean ok = s.length == rank;
            for (int d = 0; ok && d < rank; d++) {
                ok = d == ax || s[d] == s0[d];
            }
            if (!ok) {
                throw new ShapeException("concat along axis " + axis + ": part 0 is " + Shapes.show(s0) + " but part "
                        + i + " is " + Shapes.show(s) + ": all other dimensions must match");
            }
            Shapes.requireSameType("concat: part 0", parts[0].data(), "part " + i, parts[i].data());
            datas[i] = parts[i].data();
            offsets[i + 1] = offsets[i] + s[ax];
        }
        INDArray value = parts.length == 1 ? datas[0] : Nd4j.concat(ax, datas);
        return Tensor.fromOp("concat", value, g -> {
            INDArray[] grads = new INDArray[parts.length];
            for (int i = 0; i < parts.length; i++) {
                grads[i] = parts[i].requiresGrad() ? g.get(range(rank, ax, offsets[i], offsets[i + 1])).dup('c') : null;
            }
            return grads;
        }, parts);
    }

    /** Splits along {@code axis} into pieces of the given sizes, which must add up to the axis length. */
    public static Tensor[] split(Tensor t, int axis, long... sizes) {
        int ax = Shapes.axis(axis, t.rank(), "split");
        long total = 0;
        for (long s : sizes) {
            total += s;
        }
        if (total != t.size(ax)) {
            throw new ShapeException("split: " + t.label("input") + " is " + Shapes.show(t.data()) + " but the sizes "
                    + Arrays.toString(sizes) + " add up to " + total + ", not " + t.size(ax));
        }
        Tensor[] out = new Tensor[sizes.length];
        long from = 0;
        for (int i = 0; i < sizes.length; i++) {
            out[i] = slice(t, ax, from, from + sizes[i]);
            from += sizes[i];
        }
        return out;
    }

    /** Inserts a dimension of size 1 at {@code axis}. */
    public static Tensor unsqueeze(Tensor t, int axis) {
        int ax = Shapes.axis(axis < 0 ? axis + t.rank() + 1 : axis, t.rank() + 1, "unsqueeze");
        long[] s = t.shape();
        long[] out = new long[s.length + 1];
        for (int i = 0, j = 0; i < out.length; i++) {
            out[i] = i == ax ? 1 : s[j++];
        }
        return reshape(t, out);
    }

    /** Repeats size-1 dimensions up to {@code shape} (broadcasting made explicit); the gradient sums them back. */
    public static Tensor expand(Tensor t, long... shape) {
        long[] out = Broadcast.shape("expand", t.label("input"), t.shape(), "target", shape);
        if (!Arrays.equals(out, shape)) {
            throw new ShapeException("expand: " + t.label("input") + " is " + Shapes.show(t.data())
                    + " and cannot be expanded to " + Shapes.show(shape));
        }
        long[] original = t.shape();
        INDArray value = Broadcast.to(t.data(), shape).dup('c');
        return Tensor.fromOp("expand", value, g -> new INDArray[] {Broadcast.reduceTo(g, original)}, t);
    }

    static INDArray contiguous(INDArray a) {
        return a.ordering() == 'c' && !a.isView() ? a : a.dup('c');
    }
}

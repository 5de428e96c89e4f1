package newarch.tensor;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scatter.ScatterAdd;
import org.nd4j.linalg.api.ops.impl.shape.Gather;
import org.nd4j.linalg.api.ops.impl.shape.OneHot;
import org.nd4j.linalg.factory.Nd4j;

/** Gather and scatter: embedding lookup, selecting along an axis, and their gradients. */
public final class Indexing {
    private Indexing() {
    }

    /**
     * Rows of {@code table} picked by integer {@code ids} of any shape: {@code [V, D]} and {@code [...]} give
     * {@code [..., D]}. The gradient scatter-adds back into the rows, so repeated ids accumulate.
     */
    public static Tensor embeddingLookup(Tensor table, INDArray ids) {
        Shapes.requireRank("embedding table", table, 2);
        checkIds("ids", ids, table.size(0), "rows in the embedding table " + Shapes.show(table.data()));
        INDArray flat = ids.reshape('c', new long[] {ids.length()}).castTo(DataType.LONG); // not reshape(rows, cols)
        long d = table.size(1);
        INDArray rows = Nd4j.exec(new Gather(table.data(), flat, 0))[0];
        long[] outShape = new long[ids.rank() + 1];
        System.arraycopy(ids.shape(), 0, outShape, 0, ids.rank());
        outShape[ids.rank()] = d;
        long[] tableShape = table.shape();
        return Tensor.fromOp("embedding", rows.reshape('c', outShape), g -> new INDArray[] {
            scatterRows(Nd4j.zeros(g.dataType(), tableShape), flat, g.reshape('c', flat.length(), d))}, table);
    }

    /**
     * The one-hot vectors of integer {@code ids} of any shape: {@code [...]} gives {@code [..., classes]} with a single
     * 1 at each id (torch.nn.functional.one_hot, in a floating type so that it can be multiplied). A one-hot vector
     * names a token and nothing more: any two different ids are orthogonal. A constant: ids have no gradient.
     */
    public static Tensor oneHot(INDArray ids, long classes, DataType type) {
        if (classes <= 0) {
            throw new IllegalArgumentException("oneHot: classes is " + classes + " but must be positive");
        }
        if (!type.isFPType()) {
            throw new IllegalArgumentException("oneHot: type is " + type + " but must be a floating type");
        }
        checkIds("ids", ids, classes, "classes");
        long[] shape = new long[ids.rank() + 1];
        System.arraycopy(ids.shape(), 0, shape, 0, ids.rank());
        shape[ids.rank()] = classes;
        if (ids.length() == 0) {
            return Tensor.constant(Nd4j.zeros(type, shape));
        }
        INDArray flat = ids.reshape('c', new long[] {ids.length()});
        return Tensor.constant(oneHotAlong(flat, new long[] {ids.length(), classes}, 1, type).reshape('c', shape));
    }

    /**
     * Adds the rows of {@code src} [n, D] into a zero table of {@code rows} rows at {@code index} [n]
     * (repeated indices accumulate): the transpose of {@link #embeddingLookup}. Its gradient gathers.
     */
    public static Tensor scatterAdd(Tensor src, INDArray index, long rows) {
        Shapes.requireRank("src", src, 2);
        if (index.rank() != 1 || index.length() != src.size(0)) {
            throw new ShapeException("scatterAdd: index is " + Shapes.show(index) + " but src is " + Shapes.show(src.data())
                    + ": index must be 1-d with one entry per row of src");
        }
        checkIds("index", index, rows, "rows in the output");
        INDArray idx = index.castTo(DataType.LONG);
        INDArray value = scatterRows(Nd4j.zeros(src.dataType(), rows, src.size(1)), idx, src.data());
        return Tensor.fromOp("scatterAdd", value, g -> new INDArray[] {Nd4j.exec(new Gather(g, idx, 0))[0]}, src);
    }

    /** Picks entries along {@code axis} by a 1-d index vector (torch.index_select). */
    public static Tensor indexSelect(Tensor t, int axis, INDArray index) {
        int ax = Shapes.axis(axis, t.rank(), "indexSelect");
        if (index.rank() != 1) {
            throw new ShapeException("indexSelect: index is " + Shapes.show(index) + " but must be 1-d");
        }
        checkIds("index", index, t.size(ax), "entries along axis " + axis + " of " + Shapes.show(t.data()));
        int[] toFront = moveToFront(t.rank(), ax);
        Tensor front = ax == 0 ? t : Reshaping.permute(t, toFront);
        long[] fs = front.shape();
        long rest = front.data().length() / fs[0];
        Tensor table = Reshaping.reshape(front, fs[0], rest);
        Tensor picked = embeddingLookup(table, index);
        long[] outFront = fs.clone();
        outFront[0] = index.length();
        Tensor out = Reshaping.reshape(picked, outFront);
        return ax == 0 ? out : Reshaping.permute(out, inverse(toFront));
    }

    /**
     * Adds rows of {@code updates} into {@code target} at {@code index}. The lock flag makes ND4J serialise
     * updates to the same row; without it repeated indices lose updates under its parallel loop.
     */
    private static INDArray scatterRows(INDArray target, INDArray index, INDArray updates) {
        ScatterAdd op = new ScatterAdd(target, index, updates);
        op.addBArgument(true);
        return Nd4j.exec(op)[0];
    }

    /** A one-hot array of {@code shape} with a 1 where {@code positions} (the shape with {@code axis} removed) point. */
    static INDArray oneHotAlong(INDArray positions, long[] shape, int axis, DataType type) {
        INDArray oh = Nd4j.exec(new OneHot(positions.castTo(DataType.LONG), (int) shape[axis], axis, 1.0, 0.0, type))[0];
        return oh.reshape('c', shape);
    }

    private static void checkIds(String name, INDArray ids, long bound, String what) {
        if (!ids.dataType().isIntType()) {
            throw new ShapeException(name + " is " + ids.dataType() + " " + Shapes.show(ids) + " but must hold integers");
        }
        if (ids.length() == 0) {
            return;
        }
        long min = ids.minNumber().longValue();
        long max = ids.maxNumber().longValue();
        if (min < 0 || max >= bound) {
            throw new ShapeException(name + " " + Shapes.show(ids) + " holds values from " + min + " to " + max
                    + " but there are only " + bound + " " + what);
        }
    }

    private static int[] moveToFront(int rank, int axis) {
        int[] p = new int[rank];
        p[0] = axis;
        for (int i = 0, j = 1; i < rank; i++) {
            if (i != axis) {
                p[j++] = i;
            }
        }
        return p;
    }

    private static int[] inverse(int[] p) {
        int[] inv = new int[p.length];
        for (int i = 0; i < p.length; i++) {
            inv[p[i]] = i;
        }
        return inv;
    }
}

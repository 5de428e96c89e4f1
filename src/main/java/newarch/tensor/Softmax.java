package newarch.tensor;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.custom.SoftMax;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.BooleanIndexing;
import org.nd4j.linalg.indexing.conditions.Conditions;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Softmax and log-softmax, stable under {@code -inf} masks.
 *
 * <p>A row whose every entry is {@code -inf} (a query allowed to see no key) has no distribution. We define its
 * softmax as all zeros, with zero gradient, so that a fully masked row contributes nothing instead of spreading
 * NaN through the batch; its log-softmax is all {@code -inf}. PyTorch returns NaN there; our choice is documented
 * in the attention notebook and tested.
 */
public final class Softmax {
    private Softmax() {
    }

    public static Tensor softmax(Tensor t, int axis) {
        Shapes.requireFloating("softmax input", t);
        int ax = Shapes.axis(axis, t.rank(), "softmax");
        INDArray y = probabilities(t.data(), ax);
        return Tensor.fromOp("softmax", y, g -> new INDArray[] {backward(y, g, ax)}, t);
    }

    public static Tensor logSoftmax(Tensor t, int axis) {
        Shapes.requireFloating("logSoftmax input", t);
        int ax = Shapes.axis(axis, t.rank(), "logSoftmax");
        INDArray x = t.data();
        INDArray shifted = Arithmetic.minus(x, safeMax(x, ax));
        INDArray sum = Transforms.exp(shifted, true).sum(true, ax);
        BooleanIndexing.replaceWhere(sum, 1.0, Conditions.equals(0.0));
        INDArray y = Arithmetic.minus(shifted, Transforms.log(sum, false));
        return Tensor.fromOp("logSoftmax", y, g -> {
            INDArray p = Transforms.exp(y, true);
            return new INDArray[] {Arithmetic.minus(g, Arithmetic.times(p, g.sum(true, ax)))};
        }, t);
    }

    /** The softmax of an array along one axis (no graph). */
    public static INDArray probabilities(INDArray x, int ax) {
        INDArray e = Transforms.exp(Arithmetic.minus(x, safeMax(x, ax)), false);
        INDArray sum = e.sum(true, ax);
        BooleanIndexing.replaceWhere(sum, 1.0, Conditions.equals(0.0));
        return Arithmetic.quotient(e, sum);
    }

    /**
     * The softmax of {@code x} computed in x's own storage (which the caller must own), for large score arrays
     * where a fresh allocation costs more than the arithmetic. Fully masked rows become zeros, as above.
     *
     * @param masked whether x may hold −∞ entries (an additive mask was applied): then rows that are entirely
     *               −∞ are looked for, and only when there are none does ND4J's one-pass native softmax run
     */
    public static INDArray probabilitiesInPlace(INDArray x, int ax, boolean masked) {
        // libnd4j's native softmax is fastest over the rows of a matrix (a row-parallel loop; measured on
        // [16, 1024, 1024], one thread: 73 ms as a [16384, 1024] matrix, 137 ms as rank 3), so it gets the rows of an
        // array that owns its c-ordered storage, viewed as a matrix. Anything else takes the layout-agnostic passes.
        boolean rows = ax == x.rank() - 1 && !x.isView() && x.ordering() == 'c';
        INDArray max = masked || !rows ? x.max(true, ax) : null;
        if (max != null && (!rows || BooleanIndexing.or(max, Conditions.isInfinite()))) {
            BooleanIndexing.replaceWhere(max, 0.0, Conditions.isInfinite());
            InPlace.subBroadcast(x, max);
            Transforms.exp(x, false);
            INDArray sum = x.sum(true, ax);
            BooleanIndexing.replaceWhere(sum, 1.0, Conditions.equals(0.0));
            InPlace.divBroadcast(x, sum);
            return x;
        }
        // The native op subtracts the row maximum itself, and does max, exp, sum and divide in fewer passes.
        INDArray matrix = x.rank() == 2 ? x : x.reshape('c', x.length() / x.size(ax), x.size(ax));
        Nd4j.exec(new SoftMax(matrix, matrix, 1));
        return x;
    }

    /** dL/dx = y ⊙ (g − Σ g⊙y): the Jacobian-vector product of softmax. */
    public static INDArray backward(INDArray y, INDArray g, int ax) {
        INDArray dot = g.mul(y).sum(true, ax);
        return Arithmetic.minus(g, dot).muli(y);
    }

    /** Row maxima with -inf rows replaced by 0, so that exp(-inf - max) is 0 rather than NaN. */
    private static INDArray safeMax(INDArray x, int ax) {
        INDArray m = x.max(true, ax);
        BooleanIndexing.replaceWhere(m, 0.0, Conditions.isInfinite());
        return m;
    }
}

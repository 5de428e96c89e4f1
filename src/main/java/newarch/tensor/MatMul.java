package newarch.tensor;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.blas.params.MMulTranspose;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.reduce.Mmul;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Matrix products. {@code [..., n, k] x [k, m]} folds the leading dimensions into one matrix product
 * (the Linear-layer case); {@code [..., n, k] x [..., k, m]} with equal leading dimensions is a batched product.
 */
public final class MatMul {
    private MatMul() {
    }

    public static Tensor matmul(Tensor a, Tensor b) {
        return matmul(a, b, false, false);
    }

    /** {@code op(a) op(b)} where op transposes the last two dimensions when its flag is set. */
    public static Tensor matmul(Tensor a, Tensor b, boolean transposeA, boolean transposeB) {
        Shapes.requireMinRank("matmul: a", a, 2);
        Shapes.requireMinRank("matmul: b", b, 2);
        Shapes.requireSameType("matmul: a", a.data(), "b", b.data());
        long inner = a.size(transposeA ? -2 : -1);
        long innerB = b.size(transposeB ? -1 : -2);
        if (inner != innerB) {
            throw new ShapeException("matmul: " + a.label("a") + " is " + Shapes.show(a.data())
                    + (transposeA ? " (transposed)" : "") + " but " + b.label("b") + " is " + Shapes.show(b.data())
                    + (transposeB ? " (transposed)" : "") + ": inner dimensions " + inner + " and " + innerB
                    + " must match");
        }
        if (b.rank() == 2 && a.rank() > 2 && !transposeA) {
            return foldedMatmul(a, b, transposeB);
        }
        if (a.rank() != b.rank() || !sameBatch(a.shape(), b.shape())) {
            throw new ShapeException("matmul: " + a.label("a") + " is " + Shapes.show(a.data()) + " but "
                    + b.label("b") + " is " + Shapes.show(b.data())
                    + ": batch dimensions (all but the last two) must be equal");
        }
        INDArray value = product(a.data(), b.data(), transposeA, transposeB);
        return Tensor.fromOp("matmul", value, g -> gradients(a, b, g, transposeA, transposeB), a, b);
    }

    private static INDArray[] gradients(Tensor a, Tensor b, INDArray g, boolean ta, boolean tb) {
        INDArray A = a.data();
        INDArray B = b.data();
        INDArray ga = null;
        INDArray gb = null;
        if (a.requiresGrad()) {
            ga = !ta ? product(g, B, false, !tb) : product(B, g, tb, true);
        }
        if (b.requiresGrad()) {
            gb = !tb ? product(A, g, !ta, false) : product(g, A, true, ta);
        }
        return new INDArray[] {ga, gb};
    }

    /** [..., n, k] x [k, m]: one large matrix product, which BLAS runs faster than many small ones. */
    private static Tensor foldedMatmul(Tensor a, Tensor b, boolean transposeB) {
        long[] shape = a.shape();
        long k = shape[shape.length - 1];
        long rows = a.data().length() / k;
        long m = b.size(transposeB ? 0 : 1);
        INDArray a2 = a.data().reshape('c', rows, k);
        INDArray value2 = product(a2, b.data(), false, transposeB);
        long[] outShape = shape.clone();
        outShape[outShape.length - 1] = m;
        INDArray value = value2.reshape('c', outShape);
        return Tensor.fromOp("matmul", value, g -> {
            INDArray g2 = g.reshape('c', rows, m);
            INDArray ga = a.requiresGrad() ? product(g2, b.data(), false, !transposeB).reshape('c', shape) : null;
            INDArray gb = null;
            if (b.requiresGrad()) {
                gb = transposeB ? product(g2, a2, true, false) : product(a2, g2, true, false);
            }
            return new INDArray[] {ga, gb};
        }, a, b);
    }

    /**
     * {@code op(a) op(b)} on raw arrays: the one place every matrix product of the library runs through (layers,
     * attention, and their backward passes), so {@link MatMulTimer} sees them all.
     */
    public static INDArray product(INDArray a, INDArray b, boolean transposeA, boolean transposeB) {
        if (!MatMulTimer.isEnabled()) {
            return Nd4j.matmul(a, b, transposeA, transposeB, false);
        }
        long start = System.nanoTime();
        INDArray c = Nd4j.matmul(a, b, transposeA, transposeB, false);
        MatMulTimer.record(System.nanoTime() - start);
        return c;
    }

    /** {@code op(a) op(b)} written into {@code out} (an array the caller owns, e.g. a view of a packed gradient). */
    public static void productInto(INDArray a, INDArray b, INDArray out, boolean transposeA, boolean transposeB) {
        long start = MatMulTimer.isEnabled() ? System.nanoTime() : 0;
        Nd4j.matmul(a, b, out, transposeA, transposeB, false);
        if (start != 0) {
            MatMulTimer.record(System.nanoTime() - start);
        }
    }

    /**
     * The sums of the columns of a matrix [n, m] as [1, m]. For float and double this is the product of a row of
     * ones with the matrix: BLAS runs it about 5× faster than ND4J's reduction along dimension 0 (measured on
     * [4096, 1536], the bias gradient of a packed projection at B=8, L=512).
     */
    public static INDArray columnSums(INDArray matrix) {
        DataType type = matrix.dataType();
        if (type != DataType.FLOAT && type != DataType.DOUBLE) {
            return matrix.sum(true, 0);
        }
        return product(Nd4j.ones(type, 1, matrix.size(0)), matrix, false, false);
    }

    /**
     * {@code alpha · op(a) op(b)} written into {@code out}: the scale rides on the product (BLAS's alpha) instead of
     * costing a separate pass over an operand or the result, as attention's 1/√d does.
     */
    public static void scaledProductInto(INDArray a, INDArray b, INDArray out, boolean transposeA, boolean transposeB,
                                         double alpha) {
        long start = MatMulTimer.isEnabled() ? System.nanoTime() : 0;
        Nd4j.exec(new Mmul(a, b, out, alpha, 0.0, new MMulTranspose(transposeA, transposeB, false)));
        if (start != 0) {
            MatMulTimer.record(System.nanoTime() - start);
        }
    }

    private static boolean sameBatch(long[] a, long[] b) {
        for (int i = 0; i < a.length - 2; i++) {
            if (a[i] != b[i]) {
                return false;
            }
        }
        return true;
    }
}

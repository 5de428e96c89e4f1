package newarch.embeddings;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Projection onto the top principal components: rows centred, then power iteration on the covariance (deflating
 * after each component), which is enough for the two or three components of a word-vector plot and uses only ND4J
 * matrix products.
 */
public final class PrincipalComponents {
    private static final int ITERATIONS = 200;

    private PrincipalComponents() {
    }

    /** rows [n, d] → [n, k]: each row's coordinates along the first k principal directions. */
    public static INDArray project(INDArray rows, int k) {
        if (rows.rank() != 2 || k < 1 || k > rows.size(1)) {
            throw new IllegalArgumentException("principal components: rows are " + java.util.Arrays.toString(
                    rows.shape()) + " and k is " + k + "; need [n, d] with 1 <= k <= d");
        }
        INDArray x = rows.castTo(DataType.DOUBLE);
        x = x.subRowVector(x.mean(0));
        INDArray cov = x.transpose().mmul(x);                            // [d, d]
        INDArray directions = Nd4j.zeros(DataType.DOUBLE, rows.size(1), k);
        for (int c = 0; c < k; c++) {
            INDArray v = start(rows.size(1));
            double lambda = 0;
            for (int it = 0; it < ITERATIONS; it++) {
                INDArray w = cov.mmul(v);
                lambda = w.norm2Number().doubleValue();
                if (lambda < 1e-12) {
                    break;
                }
                v = w.divi(lambda);
            }
            directions.putColumn(c, v);
            cov.subi(v.mmul(v.transpose()).muli(lambda));                 // deflate: remove this component
        }
        return x.mmul(directions);
    }

    /** 1, 1 + 1/d, 1 + 2/d, ...: a start vector that no principal direction is orthogonal to in practice. */
    private static INDArray start(long d) {
        double[] v = new double[Math.toIntExact(d)];
        for (int i = 0; i < v.length; i++) {
            v[i] = 1 + (double) i / v.length;
        }
        return Nd4j.createFromArray(v).reshape(d, 1);
    }
}

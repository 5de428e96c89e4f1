package newarch.attention;

import newarch.tensor.Reshaping;
import newarch.tensor.ShapeException;
import newarch.tensor.Shapes;
import newarch.tensor.Tensor;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The sinusoidal encoding of "Attention Is All You Need" §3.5:
 * PE(pos, 2i) = sin(pos / base^{2i/d}), PE(pos, 2i+1) = cos(pos / base^{2i/d}).
 * Each pair of columns is a rotation at its own frequency, so PE(pos + k) is a fixed linear function of PE(pos).
 */
public final class PositionalEncoding {
    private PositionalEncoding() {
    }

    /** The [maxLen, dModel] table, computed in double precision. */
    public static INDArray sinusoidal(int maxLen, int dModel, double base, DataType type) {
        if (maxLen < 0 || dModel <= 0) {
            throw new IllegalArgumentException("max_len " + maxLen + " and d_model " + dModel + " must be positive");
        }
        double[] pe = new double[maxLen * dModel];
        for (int pos = 0; pos < maxLen; pos++) {
            for (int col = 0; col < dModel; col++) {
                double angle = pos / Math.pow(base, (double) (col - col % 2) / dModel);
                pe[pos * dModel + col] = col % 2 == 0 ? Math.sin(angle) : Math.cos(angle);
            }
        }
        return Nd4j.createFromArray(pe).reshape(maxLen, dModel).castTo(type);
    }

    /**
     * The matrix M with PE(pos + k) = M · PE(pos) for every position: block-diagonal 2×2 rotations, one per
     * frequency ω_i = base^{−2i/d}, by the angle k·ω_i. This is why relative offsets are easy to attend to.
     */
    public static INDArray relativeShift(int k, int dModel, double base, DataType type) {
        if (dModel <= 0 || dModel % 2 != 0) {
            throw new IllegalArgumentException("d_model is " + dModel + " but the offset rotation needs an even d_model"
                    + " (each sin column needs its cos partner)");
        }
        double[] m = new double[dModel * dModel];
        for (int col = 0; col < dModel; col += 2) {
            double angle = k / Math.pow(base, (double) col / dModel);
            double c = Math.cos(angle);
            double s = Math.sin(angle);
            m[col * dModel + col] = c;          // sin(a + b) = sin a cos b + cos a sin b
            m[col * dModel + col + 1] = s;
            m[(col + 1) * dModel + col] = -s;   // cos(a + b) = cos a cos b − sin a sin b
            m[(col + 1) * dModel + col + 1] = c;
        }
        return Nd4j.createFromArray(m).reshape(dModel, dModel).castTo(type);
    }

    /** Adds the first L rows of a [maxLen, d] table to x [B, L, d]. */
    public static Tensor addTo(Tensor x, Tensor table) {
        Shapes.requireRank("x", x, 3);
        if (x.size(1) > table.size(0) || x.size(2) != table.size(1)) {
            throw new ShapeException("x is " + Shapes.show(x.data()) + " but the position table is "
                    + Shapes.show(table.data()) + ": need at least " + x.size(1) + " positions of width " + x.size(2));
        }
        return x.add(Reshaping.slice(table, 0, 0, x.size(1)));
    }
}

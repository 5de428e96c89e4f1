package newarch.grading;

import java.util.Arrays;
import newarch.tensor.Shapes;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Compares a student's array with the library's, and says what went wrong the way a tutor would:
 * the shapes, the worst element with its index, expected and got values, and a hint about the idea.
 */
public final class NumericCheck {
    private NumericCheck() {
    }

    public static Verdict compare(String what, INDArray expected, INDArray got, double rtol, double atol, String hint) {
        if (got == null) {
            return Verdict.fail(what + ": no value came back.");
        }
        if (!Arrays.equals(expected.shape(), got.shape())) {
            return Verdict.fail(what + ": expected shape " + Shapes.show(expected) + " but got " + Shapes.show(got)
                    + ". " + hint);
        }
        double[] e = expected.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        double[] g = got.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        int worst = -1;
        double worstExcess = 0;
        for (int i = 0; i < e.length; i++) {
            double excess = excess(e[i], g[i], rtol, atol);
            if (excess > worstExcess) {
                worstExcess = excess;
                worst = i;
            }
        }
        if (worst < 0) {
            return Verdict.pass(what + ": correct (shape " + Shapes.show(expected) + ").");
        }
        return Verdict.fail(what + ": shape " + Shapes.show(expected) + " is right but values differ; the worst element is at "
                + index(worst, expected.shape()) + ": expected " + format(e[worst]) + ", got " + format(g[worst])
                + " (tolerance " + atol + " + " + rtol + "·|expected|). " + hint);
    }

    /** How far a value is outside the tolerance (0 if inside); infinities must match exactly, NaN never passes. */
    private static double excess(double expected, double got, double rtol, double atol) {
        if (Double.isNaN(got)) {
            return Double.isNaN(expected) ? 0 : Double.POSITIVE_INFINITY;
        }
        if (Double.isInfinite(expected) || Double.isInfinite(got)) {
            return expected == got ? 0 : Double.POSITIVE_INFINITY;
        }
        double diff = Math.abs(expected - got) - (atol + rtol * Math.abs(expected));
        return Math.max(0, diff);
    }

    private static String index(int flat, long[] shape) {
        long[] idx = new long[shape.length];
        long rest = flat;
        for (int d = shape.length - 1; d >= 0; d--) {
            idx[d] = rest % shape[d];
            rest /= shape[d];
        }
        return Arrays.toString(idx);
    }

    private static String format(double v) {
        return Double.isNaN(v) ? "NaN" : Double.isInfinite(v) ? (v > 0 ? "+inf" : "-inf") : String.format("%.6g", v);
    }
}

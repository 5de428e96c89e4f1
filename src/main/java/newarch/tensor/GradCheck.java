package newarch.tensor;

import java.util.List;
import java.util.function.Function;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Finite-difference gradient check in double precision: compares the backward pass of {@code f} with central
 * differences of a random projection of its output, element by element of each input.
 */
public final class GradCheck {
    private GradCheck() {
    }

    /** The outcome: the worst relative error and where it was. */
    public record Result(double maxRelativeError, String where) {
        public boolean passed(double tolerance) {
            return maxRelativeError <= tolerance;
        }
    }

    /**
     * @param f      the function under test; it must build its result from the given parameters only
     * @param inputs DOUBLE leaves, each made with {@link Tensor#parameter}
     * @param seed   seed of the random projection of the output
     */
    public static Result check(Function<List<Tensor>, Tensor> f, List<Tensor> inputs, long seed) {
        return check(f, inputs, seed, DEFAULT_SAMPLE);
    }

    /**
     * Elements checked per input at most: larger inputs are checked on a seeded random sample of their elements,
     * which finds a wrong gradient rule just as surely (it is wrong almost everywhere) at a fraction of the cost.
     */
    public static final int DEFAULT_SAMPLE = 96;

    /** As {@link #check(Function, List, long)}, checking at most {@code sample} elements of each input. */
    public static Result check(Function<List<Tensor>, Tensor> f, List<Tensor> inputs, long seed, int sample) {
        for (Tensor in : inputs) {
            if (in.dataType() != DataType.DOUBLE || !in.requiresGrad()) {
                throw new IllegalArgumentException("gradient check inputs must be DOUBLE parameters, got "
                        + in.dataType() + (in.requiresGrad() ? "" : " constant"));
            }
            in.zeroGrad();
        }
        Tensor out = f.apply(inputs);
        // A random projection makes every output element matter, not just their sum.
        INDArray projection = new Rng(seed).normal(DataType.DOUBLE, 0, 1, out.shape());
        out.backward(projection);
        // A step of 1e-5 balances round-off (~1e-16·|f|/eps) against truncation (~eps²·f''') at about 1e-10.
        double eps = 1e-5;
        double worst = 0;
        String where = "none";
        for (int i = 0; i < inputs.size(); i++) {
            Tensor in = inputs.get(i);
            INDArray analytic = in.grad() == null ? Nd4j.zeros(DataType.DOUBLE, in.shape()) : in.grad();
            INDArray flat = in.data().reshape(in.data().length());
            INDArray analyticFlat = analytic.reshape(analytic.length());
            for (long j : elementsToCheck(flat.length(), sample, seed + i)) {
                double original = flat.getDouble(j);
                flat.putScalar(j, original + eps);
                double plus = project(f, inputs, projection);
                flat.putScalar(j, original - eps);
                double minus = project(f, inputs, projection);
                flat.putScalar(j, original);
                double numeric = (plus - minus) / (2 * eps);
                double a = analyticFlat.getDouble(j);
                double err = Math.abs(a - numeric) / Math.max(1e-3, Math.abs(a) + Math.abs(numeric));
                if (Double.isNaN(err)) {
                    err = Double.POSITIVE_INFINITY; // NaN compares false with everything: make it the worst
                }
                if (err > worst) {
                    worst = err;
                    where = "input " + i + " element " + j + ": analytic " + a + ", numeric " + numeric;
                }
            }
        }
        return new Result(worst, where);
    }

    private static long[] elementsToCheck(long n, int sample, long seed) {
        if (n <= sample) {
            return java.util.stream.LongStream.range(0, n).toArray();
        }
        java.util.Random random = new java.util.Random(seed);
        return random.longs(0, n).distinct().limit(sample).sorted().toArray();
    }

    private static double project(Function<List<Tensor>, Tensor> f, List<Tensor> inputs, INDArray projection) {
        try (GradMode ignored = GradMode.off()) {
            return f.apply(inputs).data().mul(projection).sumNumber().doubleValue();
        }
    }
}

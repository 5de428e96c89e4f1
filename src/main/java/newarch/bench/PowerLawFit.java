package newarch.bench;

/**
 * Least-squares line through (ln x, ln y): y ≈ e^b · x^k. The slope k is a measured growth exponent (2 for a cost
 * quadratic in the length, 1 for linear). Public so that notebooks and the grader fit their measurements the same way
 * the benchmark does.
 */
public record PowerLawFit(double exponent, double logIntercept, int points) {

    public static PowerLawFit fit(double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("fit: " + x.length + " x values but " + y.length + " y values");
        }
        int n = 0;
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double sxy = 0;
        for (int i = 0; i < x.length; i++) {
            if (!(x[i] > 0) || !(y[i] > 0) || !Double.isFinite(y[i])) {
                continue; // skipped lengths
            }
            double lx = Math.log(x[i]);
            double ly = Math.log(y[i]);
            n++;
            sx += lx;
            sy += ly;
            sxx += lx * lx;
            sxy += lx * ly;
        }
        if (n < 2) {
            return new PowerLawFit(Double.NaN, Double.NaN, n);
        }
        double k = (n * sxy - sx * sy) / (n * sxx - sx * sx);
        return new PowerLawFit(k, (sy - k * sx) / n, n);
    }

    public double at(double x) {
        return Math.exp(logIntercept + exponent * Math.log(x));
    }

    /** Where this line meets {@code other}, or NaN when they are parallel or either is undefined. */
    public double crossing(PowerLawFit other) {
        double dk = exponent - other.exponent;
        if (!Double.isFinite(dk) || Math.abs(dk) < 1e-9) {
            return Double.NaN;
        }
        return Math.exp((other.logIntercept - logIntercept) / dk);
    }
}

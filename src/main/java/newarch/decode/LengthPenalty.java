package newarch.decode;

/**
 * The length normalisation of Wu et al. (2016, GNMT, eq. 14): lp(Y) = ((5 + |Y|) / 6)^α. A hypothesis is ranked
 * by log P(Y) / lp(Y), which stops beam search from preferring short outputs merely because every extra token
 * lowers the log-probability. α = 0 ranks by log-probability alone.
 */
public final class LengthPenalty {
    private LengthPenalty() {
    }

    /** lp for a hypothesis of {@code length} tokens (EOS counted). */
    public static double gnmt(int length, double alpha) {
        return Math.pow((5.0 + length) / 6.0, alpha);
    }
}

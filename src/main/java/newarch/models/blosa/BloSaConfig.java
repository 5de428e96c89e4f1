package newarch.models.blosa;

/**
 * Hyper-parameters of a Bi-BloSA layer.
 *
 * @param inputDim    width of the incoming token vectors
 * @param hidden      d_e, the width of each direction (the output is 2·d_e wide)
 * @param blockLength r, tokens per block, or 0 to choose it from the sequence length as the paper does
 *                    ({@link #blockLengthFor})
 * @param activation  σ of the input maps and the source2token score network: {@code relu} or {@code elu}
 */
public record BloSaConfig(long inputDim, long hidden, int blockLength, String activation) {
    public BloSaConfig {
        if (inputDim < 1 || hidden < 1) {
            throw new IllegalArgumentException("inputDim and hidden must be positive, got inputDim=" + inputDim
                    + " hidden=" + hidden);
        }
        if (blockLength < 0) {
            throw new IllegalArgumentException("blockLength must be positive (or 0 for automatic), got " + blockLength);
        }
        if (!activation.equals("relu") && !activation.equals("elu")) {
            throw new IllegalArgumentException("activation '" + activation + "' is not supported: use relu or elu");
        }
    }

    /** Automatic block length and ReLU. */
    public static BloSaConfig of(long inputDim, long hidden) {
        return new BloSaConfig(inputDim, hidden, 0, "relu");
    }

    public BloSaConfig withBlockLength(int r) {
        return new BloSaConfig(inputDim, hidden, r, activation);
    }

    /** The block length used for a sequence of {@code n} tokens: the configured one, or the paper's ∛(2n). */
    public int blockLengthFor(long n) {
        return blockLength > 0 ? blockLength : optimalBlockLength(n);
    }

    /**
     * The paper's choice (§4.3): m = n/r blocks cost r² each inside blocks plus m² between them, so memory
     * ∝ n·r + (n/r)², smallest at r = ∛(2n); rounded up as the authors' code does ({@code ceil((2n)^(1/3))}).
     */
    public static int optimalBlockLength(long n) {
        if (n < 1) {
            throw new IllegalArgumentException("sequence length must be positive, got " + n);
        }
        int r = (int) Math.ceil(Math.cbrt(2.0 * n) - 1e-9); // the tolerance keeps exact cubes (n = 4 → 2) exact
        return Math.max(1, r);
    }
}

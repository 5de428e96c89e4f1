package newarch.models.transformer;

/**
 * The hyper-parameters of torch.nn.Transformer and its layers.
 *
 * @param normFirst pre-norm (LayerNorm before each sublayer) instead of the original post-norm
 */
public record TransformerConfig(int dModel, int nhead, int dimFeedforward, double dropout, String activation,
                                double layerNormEps, boolean normFirst, boolean bias,
                                int numEncoderLayers, int numDecoderLayers) {
    public TransformerConfig {
        if (dModel <= 0 || nhead <= 0 || dModel % nhead != 0) {
            throw new IllegalArgumentException("d_model " + dModel + " must be a positive multiple of nhead " + nhead);
        }
    }

    /** Transformer-base of Vaswani et al. (2017): 512 wide, 8 heads, 2048 feed-forward, 6 + 6 layers. */
    public static TransformerConfig base() {
        return new TransformerConfig(512, 8, 2048, 0.1, "relu", 1e-5, false, true, 6, 6);
    }
}

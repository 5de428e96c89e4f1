package newarch.conform;

import newarch.models.transformer.TransformerConfig;

/** Reads torch.nn.Transformer-style constructor arguments from a fixture's config. */
final class TransformerConfigs {
    private TransformerConfigs() {
    }

    static TransformerConfig from(FixtureConfig c) {
        if (!c.flag("batch_first", true)) {
            throw new FixtureException("only batch_first fixtures are supported (batch_first is false)");
        }
        return new TransformerConfig(c.integer("d_model"), c.integer("nhead"), c.integer("dim_feedforward", 2048),
                c.real("dropout", 0.1), c.text("activation", "relu"), c.real("layer_norm_eps", 1e-5),
                c.flag("norm_first", false), c.flag("bias", true),
                c.integer("num_encoder_layers", 6), c.integer("num_decoder_layers", 6));
    }
}

package newarch.conform;

import java.util.Map;
import newarch.models.vit.ViTConfig;
import newarch.models.vit.ViTModel;
import newarch.models.vit.ViTOutput;
import newarch.tensor.Rng;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Hugging Face ViTModel: pixel_values [B, C, H, W] → last_hidden_state, pooler_output. */
final class VitRunner implements KindRunner {
    @Override
    public Map<String, INDArray> run(Fixture f) {
        Map<String, INDArray> weights = ViTModel.huggingFaceState(f.weights());
        boolean pooler = f.config().flag("add_pooling_layer", weights.containsKey("pooler.dense.weight"));
        if (!pooler && f.outputs().contains("pooler_output")) {
            throw new FixtureException(f.name() + ": pooler_output is requested but the model has no pooler "
                    + "(add_pooling_layer false, or no pooler.dense weights)");
        }
        ViTModel model = new ViTModel(config(f.config(), pooler, f.name()), new Rng(0));
        model.loadStateDict(weights, true);
        model.eval();
        GradientRun run = new GradientRun(f);
        ViTOutput out = model.forward(run.input("pixel_values"));
        run.output("last_hidden_state", out.lastHiddenState());
        if (out.poolerOutput() != null) {
            run.output("pooler_output", out.poolerOutput());
        }
        return run.finish(out.lastHiddenState(), model);
    }

    /** ViTConfig's names and defaults (ViT-B/16). */
    static ViTConfig config(FixtureConfig c, boolean pooler, String fixture) {
        int hidden = c.integer("hidden_size", 768);
        return new ViTConfig(hidden, c.integer("num_hidden_layers", 12), c.integer("num_attention_heads", 12),
                c.integer("intermediate_size", 3072), c.text("hidden_act", "gelu"), c.real("layer_norm_eps", 1e-12),
                square(c, "image_size", 224, fixture), square(c, "patch_size", 16, fixture),
                c.integer("num_channels", 3), c.flag("qkv_bias", true), pooler,
                c.integer("pooler_output_size", hidden), c.text("pooler_act", "tanh"));
    }

    /** An int, or a [height, width] pair with equal sides (rectangular images and patches are not supported). */
    private static int square(FixtureConfig c, String key, int fallback, String fixture) {
        if (!c.has(key)) {
            return fallback;
        }
        long[] v = c.integers(key);
        if (v.length == 2 && v[0] != v[1] || v.length > 2 || v.length == 0) {
            throw new FixtureException(fixture + ": config " + key + " " + java.util.Arrays.toString(v)
                    + " is not supported: only square sizes");
        }
        return (int) v[0];
    }
}

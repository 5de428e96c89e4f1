package newarch.conform;

import java.util.Map;
import newarch.models.gpt.GptConfig;
import newarch.models.gpt.GptModel;
import newarch.tensor.Rng;
import newarch.tensor.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Hugging Face GPT2Model: input_ids (and an optional attention_mask) → last_hidden_state. */
final class Gpt2Runner implements KindRunner {
    @Override
    public Map<String, INDArray> run(Fixture f) {
        GptModel model = new GptModel(config(f.config()), new Rng(0));
        model.loadHuggingFace(f.weights());
        model.eval();
        GradientRun run = new GradientRun(f);
        INDArray mask = f.hasInput("attention_mask") ? f.input("attention_mask") : null;
        Tensor out = model.forward(f.input("input_ids"), mask);
        run.output("last_hidden_state", out);
        return run.finish(out, model);
    }

    /** GPT2Config's names and defaults. */
    static GptConfig config(FixtureConfig c) {
        int nEmbd = c.integer("n_embd", 768);
        return new GptConfig(c.integer("vocab_size", 50257), c.integer("n_positions", 1024), nEmbd,
                c.integer("n_layer", 12), c.integer("n_head", 12), c.integer("n_inner", 4 * nEmbd),
                c.text("activation_function", "gelu_new"), c.real("layer_norm_epsilon", 1e-5), 0, 0, 0,
                c.flag("scale_attn_weights", true), c.flag("scale_attn_by_inverse_layer_idx", false));
    }
}

package newarch.conform;

import java.util.Map;
import newarch.models.reformer.LshSelfAttention;
import newarch.models.reformer.ReformerConfig;
import newarch.tensor.Rng;
import newarch.tensor.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Hugging Face LSHSelfAttention with the random rotations given: hidden_states, rotations, optional
 * attention_mask → output (merged heads before the output projection, padded positions zeroed).
 */
final class ReformerLshRunner implements KindRunner {
    @Override
    public Map<String, INDArray> run(Fixture f) {
        ReformerConfig config = ReformerConfigs.from(f.config());
        LshSelfAttention attention = new LshSelfAttention(config, new Rng(0));
        attention.loadStateDict(f.weights(), true);
        attention.eval();
        GradientRun run = new GradientRun(f);
        INDArray mask = f.hasInput("attention_mask") ? f.input("attention_mask") : null;
        Tensor hidden = run.input("hidden_states");
        INDArray rotations = f.input("rotations").castTo(hidden.dataType());
        Tensor out = attention.forward(hidden, mask, rotations);
        run.output("output", mask == null ? out.data() : Padding.zeroMasked(out.data(), mask));
        return run.finish(out, attention);
    }
}

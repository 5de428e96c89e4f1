package newarch.conform;

import java.util.Map;
import newarch.models.reformer.ReformerModel;
import newarch.tensor.Rng;
import newarch.tensor.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Hugging Face ReformerModel: input_ids, rotations (every LSH layer), optional attention_mask → last_hidden_state. */
final class ReformerRunner implements KindRunner {
    @Override
    public Map<String, INDArray> run(Fixture f) {
        ReformerModel model = new ReformerModel(ReformerConfigs.from(f.config()), new Rng(0));
        model.loadHuggingFace(f.weights());
        model.eval();
        GradientRun run = new GradientRun(f);
        INDArray mask = f.hasInput("attention_mask") ? f.input("attention_mask") : null;
        INDArray rotations = f.hasInput("rotations") ? f.input("rotations") : null;
        if (rotations == null && model.config().attnLayers().contains("lsh")) {
            throw new FixtureException(f.name() + ": LSH layers need the input 'rotations' (the random draw it replaces)");
        }
        Tensor out = model.forward(f.input("input_ids"), mask, rotations);
        // A fixture whose note says its padded positions are zeroed gets ours zeroed too (their values carry no meaning).
        boolean zeroed = mask != null && f.config().text("note", "").contains("zeroed");
        run.output("last_hidden_state", zeroed ? Padding.zeroMasked(out.data(), mask) : out.data());
        return run.finish(out, model);
    }
}

package newarch.conform;

import java.util.Map;
import newarch.models.transformer.Transformer;
import newarch.tensor.Rng;
import newarch.tensor.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;

/** torch.nn.Transformer with its final encoder and decoder norms. */
final class TransformerRunner implements KindRunner {
    @Override
    public Map<String, INDArray> run(Fixture f) {
        Transformer model = new Transformer(TransformerConfigs.from(f.config()), new Rng(0));
        model.loadStateDict(f.weights(), true);
        model.eval();
        GradientRun run = new GradientRun(f);
        INDArray srcPadding = f.hasInput("src_key_padding_mask") ? f.input("src_key_padding_mask") : null;
        Tensor out = model.forward(run.input("src"), run.input("tgt"), DecoderLayerRunner.optionalMask(f, "src_mask"),
                srcPadding, DecoderLayerRunner.decoderMasks(f));
        run.output("output", out);
        return run.finish(out, model);
    }
}

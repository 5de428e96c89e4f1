package newarch.conform;

import java.util.Map;
import newarch.models.transformer.TransformerEncoderLayer;
import newarch.tensor.Rng;
import newarch.tensor.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;

/** torch.nn.TransformerEncoderLayer. */
final class EncoderLayerRunner implements KindRunner {
    @Override
    public Map<String, INDArray> run(Fixture f) {
        TransformerEncoderLayer layer = new TransformerEncoderLayer(TransformerConfigs.from(f.config()), new Rng(0));
        layer.loadStateDict(f.weights(), true);
        layer.eval();
        GradientRun run = new GradientRun(f);
        INDArray padding = f.hasInput("src_key_padding_mask") ? f.input("src_key_padding_mask") : null;
        Tensor mask = DecoderLayerRunner.optionalMask(f, "src_mask");
        Tensor out = layer.forward(run.input("src"), mask, padding);
        run.output("output", Padding.zeroPadded(out.data(), padding));
        return run.finish(out, layer);
    }
}

package newarch.conform;

import java.util.Map;
import newarch.models.transformer.TransformerDecoderLayer;
import newarch.tensor.Rng;
import newarch.tensor.Tensor;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** torch.nn.TransformerDecoderLayer. */
final class DecoderLayerRunner implements KindRunner {
    @Override
    public Map<String, INDArray> run(Fixture f) {
        TransformerDecoderLayer layer = new TransformerDecoderLayer(TransformerConfigs.from(f.config()), new Rng(0));
        layer.loadStateDict(f.weights(), true);
        layer.eval();
        GradientRun run = new GradientRun(f);
        Tensor out = layer.forward(run.input("tgt"), run.input("memory"), decoderMasks(f));
        run.output("output", out);
        return run.finish(out, layer);
    }

    static TransformerDecoderLayer.Masking decoderMasks(Fixture f) {
        return new TransformerDecoderLayer.Masking(
                optionalMask(f, "tgt_mask"), optionalMask(f, "memory_mask"),
                f.hasInput("tgt_key_padding_mask") ? f.input("tgt_key_padding_mask") : null,
                f.hasInput("memory_key_padding_mask") ? f.input("memory_key_padding_mask") : null);
    }

    static Tensor optionalMask(Fixture f, String name) {
        return f.hasInput(name) ? MultiheadAttentionRunner.attnMask(f.input(name), DataType.FLOAT) : null;
    }
}

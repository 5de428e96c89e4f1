package newarch.conform;

import java.util.Map;
import newarch.attention.AttentionOutput;
import newarch.attention.Masks;
import newarch.attention.ScaledDotProductAttention;
import newarch.tensor.Tensor;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** torch.nn.functional.scaled_dot_product_attention: optional attn_mask, is_causal, scale. */
final class SdpaRunner implements KindRunner {
    @Override
    public Map<String, INDArray> run(Fixture f) {
        GradientRun run = new GradientRun(f);
        Tensor q = run.input("query");
        Tensor k = run.input("key");
        Tensor v = run.input("value");
        Tensor mask = null;
        if (f.hasInput("attn_mask")) {
            INDArray m = f.input("attn_mask");
            // A boolean mask says where attention is allowed; a float mask is added to the scores.
            mask = m.dataType() == DataType.BOOL || m.dataType() == DataType.UBYTE
                    ? Masks.fromBlocked(m.castTo(DataType.INT).rsub(1), q.dataType()) : Tensor.constant(m.castTo(q.dataType()));
        }
        if (f.config().flag("is_causal", false)) {
            mask = Masks.combine(mask, Masks.causal(q.size(-2), k.size(-2), q.dataType()));
        }
        double scale = f.config().real("scale", 1 / Math.sqrt(q.size(-1)));
        AttentionOutput out = ScaledDotProductAttention.attend(q, k, v, mask, scale, 0, null);
        run.output("output", out.output());
        return run.finish(out.output(), null);
    }
}

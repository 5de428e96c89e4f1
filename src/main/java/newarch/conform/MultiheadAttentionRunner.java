package newarch.conform;

import java.util.Map;
import newarch.attention.AttentionOutput;
import newarch.attention.Masks;
import newarch.attention.MultiHeadAttention;
import newarch.tensor.Rng;
import newarch.tensor.Tensor;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** torch.nn.MultiheadAttention (batch_first) with its masks, kdim/vdim, add_bias_kv and add_zero_attn. */
final class MultiheadAttentionRunner implements KindRunner {
    @Override
    public Map<String, INDArray> run(Fixture f) {
        FixtureConfig c = f.config();
        long e = c.integer("embed_dim");
        MultiHeadAttention mha = new MultiHeadAttention(new MultiHeadAttention.Options(e, c.integer("num_heads"),
                c.real("dropout", 0), c.flag("bias", true), c.flag("add_bias_kv", false),
                c.flag("add_zero_attn", false), c.integer("kdim", (int) e), c.integer("vdim", (int) e)), new Rng(0));
        mha.loadStateDict(f.weights(), true);
        mha.eval();
        GradientRun run = new GradientRun(f);
        Tensor query = run.input("query");
        boolean self = c.flag("self_attention", false) || !f.hasInput("key");
        Tensor key = self ? query : run.input("key");
        Tensor value = self ? query : run.input("value");
        INDArray padding = f.hasInput("key_padding_mask") ? f.input("key_padding_mask") : null;
        Tensor attnMask = f.hasInput("attn_mask") ? attnMask(f.input("attn_mask"), query.dataType()) : null;
        AttentionOutput out = mha.forward(query, key, value, padding, attnMask, c.flag("average_attn_weights", true));
        run.output("output", out.output());
        run.output("attn_weights", out.weights());
        return run.finish(out.output(), mha);
    }

    /** MultiheadAttention's boolean masks mark positions that are not allowed; float masks are added. */
    static Tensor attnMask(INDArray m, DataType type) {
        return m.dataType() == DataType.BOOL || m.dataType() == DataType.UBYTE
                ? Masks.fromBlocked(m, type) : Tensor.constant(m.castTo(type));
    }
}

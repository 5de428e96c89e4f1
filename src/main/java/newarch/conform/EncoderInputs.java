package newarch.conform;

import java.util.Map;
import newarch.models.bert.EncoderOutput;
import newarch.models.bert.ExtendedAttentionMask;
import newarch.nn.Module;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The inputs and outputs the bert/albert/distilbert fixtures share: input_ids, optional attention_mask and
 * token_type_ids (absent = all ones / all zeros, as Hugging Face defaults them), and last_hidden_state with the
 * padded positions zeroed (their values are meaningless and implementation-dependent) plus pooler_output.
 */
record EncoderInputs(INDArray inputIds, INDArray attentionMask, INDArray tokenTypeIds) {
    /** An encoder's forward pass as the fixtures call it: input_ids, attention_mask, token_type_ids. */
    interface Encoder {
        EncoderOutput forward(INDArray inputIds, INDArray attentionMask, INDArray tokenTypeIds);
    }

    /** Runs a loaded encoder in eval mode on the fixture's inputs and records its outputs (and gradients). */
    static Map<String, INDArray> run(Fixture f, Module model, Encoder encoder) {
        model.eval();
        EncoderInputs in = of(f);
        GradientRun run = new GradientRun(f);
        EncoderOutput out = encoder.forward(in.inputIds(), in.attentionMask(), in.tokenTypeIds());
        in.record(run, out);
        return run.finish(out.lastHiddenState(), model);
    }

    static EncoderInputs of(Fixture f) {
        return new EncoderInputs(f.input("input_ids"),
                f.hasInput("attention_mask") ? f.input("attention_mask") : null,
                f.hasInput("token_type_ids") ? f.input("token_type_ids") : null);
    }

    void record(GradientRun run, EncoderOutput out) {
        run.output("last_hidden_state", ExtendedAttentionMask.zeroPadding(out.lastHiddenState().data(), attentionMask));
        if (out.poolerOutput() != null) {
            run.output("pooler_output", out.poolerOutput());
        }
    }

    /** Rejects a config value the reference supports but these models do not, instead of ignoring it. */
    static void requireValue(FixtureConfig c, String fixture, String key, Object supported, Object actual) {
        if (!supported.equals(actual)) {
            throw new FixtureException(fixture + ": config " + key + " = " + actual + " is not supported (only "
                    + supported + ")");
        }
    }
}

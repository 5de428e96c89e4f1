package newarch.models.transformer;

import static newarch.tensor.ErrorAssert.assertBadInput;
import static newarch.tensor.ErrorAssert.assertShapeError;
import static newarch.tensor.GradAssert.normal;

import newarch.attention.Masks;
import newarch.tensor.Rng;
import newarch.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

class TransformerErrorsTest {
    private final Rng rng = new Rng(340);
    private static final TransformerDecoderLayer.Masking NO_MASKS = new TransformerDecoderLayer.Masking(null, null, null, null);

    private Transformer transformer() {
        Transformer t = new Transformer(TransformerLayerGradTest.config(false), rng);
        t.to(DataType.DOUBLE);
        t.eval();
        return t;
    }

    @Test
    void sourceOfTheWrongWidth() {
        assertShapeError("query is [2,3,5] but its dimension 2 must be 4 (embed_dim)",
                () -> transformer().forward(normal(rng, 2, 3, 5), normal(rng, 2, 3, 4), null, null, NO_MASKS));
    }

    @Test
    void targetAndSourceBatchesDiffer() {
        assertShapeError("query is [3,2,4], key is [2,3,4], value is [2,3,4]: batch sizes must match and key and value "
                + "must have the same length",
                () -> transformer().forward(normal(rng, 2, 3, 4), normal(rng, 3, 2, 4), null, null, NO_MASKS));
    }

    @Test
    void wrongMaskShapes() {
        Transformer t = transformer();
        assertShapeError("attn_mask is [3,3] but must be [2,2]", () -> t.forward(normal(rng, 2, 3, 4), normal(rng, 2, 2, 4),
                null, null, TransformerDecoderLayer.Masking.causal(Masks.causal(3, 3, DataType.DOUBLE))));
        assertShapeError("key_padding_mask is [2,2] but must be [batch, keys] = [2,3]",
                () -> t.forward(normal(rng, 2, 3, 4), normal(rng, 2, 2, 4), null, Nd4j.zeros(2, 2), NO_MASKS));
        assertShapeError("attn_mask is [2,2] but must be [3,3]", () -> t.forward(normal(rng, 2, 3, 4), normal(rng, 2, 2, 4),
                Masks.causal(2, 2, DataType.DOUBLE), null, NO_MASKS));
    }

    @Test
    void layerInputsOfTheWrongRankOrWidth() {
        TransformerEncoderLayer enc = new TransformerEncoderLayer(TransformerLayerGradTest.config(true), rng);
        enc.to(DataType.DOUBLE);
        assertShapeError("LayerNorm[4]: input is [2,3,6] but its last dimensions must be [4]",
                () -> enc.forward(normal(rng, 2, 3, 6), null, null));
        TransformerDecoderLayer dec = new TransformerDecoderLayer(TransformerLayerGradTest.config(false), rng);
        dec.to(DataType.DOUBLE);
        assertShapeError("key is [2,3,5] but its dimension 2 must be 4 (kdim)",
                () -> dec.forward(normal(rng, 2, 3, 4), normal(rng, 2, 3, 5), NO_MASKS));
        assertShapeError("query is [3,4] but must have rank 3", () -> dec.forward(normal(rng, 3, 4), normal(rng, 2, 3, 4), NO_MASKS));
    }

    @Test
    void badConfigurations() {
        assertBadInput(() -> new TransformerConfig(10, 4, 16, 0, "relu", 1e-5, false, true, 1, 1), "d_model 10", "nhead 4");
        assertBadInput(() -> new Transformer(new TransformerConfig(4, 2, 8, 0, "swish", 1e-5, false, true, 1, 1), rng), "swish");
        assertBadInput(() -> new Transformer(new TransformerConfig(4, 2, 8, 1.0, "relu", 1e-5, false, true, 1, 1), rng), "1.0");
    }

    @Test
    void tensorsOfAnotherDtype() {
        Transformer t = new Transformer(TransformerLayerGradTest.config(false), rng); // FLOAT
        Tensor src = normal(rng, 2, 3, 4);
        assertBadInput(() -> t.forward(src, normal(rng, 2, 3, 4), null, null, NO_MASKS), "DOUBLE", "FLOAT");
    }
}

package newarch.models.bert;

import newarch.tensor.Shapes;
import newarch.tensor.Tensor;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Hugging Face's "extended attention mask" for bidirectional encoders: the [B, L] attention_mask (1 = real token,
 * 0 = padding) becomes an additive [B, 1, 1, L] mask, 0 at real keys and a huge negative finite number at padded
 * keys. A finite value rather than −∞ keeps Hugging Face's behaviour for a row with no real key at all: every score
 * is equally low, so the softmax is uniform instead of undefined.
 */
public final class ExtendedAttentionMask {
    /**
     * The score of a padded key. Hugging Face uses the type's most negative number; −10³⁰ behaves the same (exp
     * underflows to exactly 0 beside any real score, and a real score added to it is absorbed by rounding, so a fully
     * masked row is exactly uniform) while staying clear of the overflow at −FLT_MAX that makes ND4J's native softmax
     * return NaN.
     */
    public static final double PADDED = -1e30;

    private ExtendedAttentionMask() {
    }

    /** @return the additive mask, or null when {@code attentionMask} is null (every key attended to) */
    public static Tensor of(INDArray attentionMask, DataType type) {
        if (attentionMask == null) {
            return null;
        }
        INDArray blocked = attentionMask.eq(0).castTo(type);                 // 1 at padding
        INDArray additive = blocked.muli(PADDED);                            // PADDED·1 or PADDED·0 = 0
        return Tensor.constant(additive.reshape(attentionMask.size(0), 1, 1, attentionMask.size(1)));
    }

    /**
     * Requires {@code attentionMask} (if given) to be [B, L] like {@code inputIds} and to hold only 0 and 1.
     */
    public static void check(INDArray attentionMask, INDArray inputIds) {
        if (attentionMask == null) {
            return;
        }
        if (!java.util.Arrays.equals(attentionMask.shape(), inputIds.shape())) {
            throw new IllegalArgumentException("attention_mask is " + Shapes.show(attentionMask)
                    + " but must have the shape of input_ids " + Shapes.show(inputIds));
        }
        INDArray d = attentionMask.castTo(DataType.DOUBLE);
        if (d.neq(0).castTo(DataType.DOUBLE).mul(d.neq(1).castTo(DataType.DOUBLE)).sumNumber().doubleValue() > 0) {
            throw new IllegalArgumentException("attention_mask " + Shapes.show(attentionMask)
                    + " must hold only 0 (padding) and 1 (real token) but holds values from " + d.minNumber() + " to "
                    + d.maxNumber());
        }
    }

    /** Sets the rows of {@code hidden} [B, L, H] at padded positions to zero (for outputs compared with padding zeroed). */
    public static INDArray zeroPadding(INDArray hidden, INDArray attentionMask) {
        if (attentionMask == null) {
            return hidden;
        }
        INDArray keep = attentionMask.castTo(hidden.dataType()).reshape(attentionMask.size(0), attentionMask.size(1), 1);
        return hidden.mul(keep.broadcast(hidden.shape()));
    }
}

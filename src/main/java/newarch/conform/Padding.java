package newarch.conform;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * PyTorch's inference fast path returns zeros at padded positions of an encoder's output; the fixtures record
 * that, so we zero them too when comparing. (Those positions carry no meaning either way.)
 */
final class Padding {
    private Padding() {
    }

    /** Zeroes rows of x [B, L, D] where padding [B, L] is non-zero; padding may be null. */
    static INDArray zeroPadded(INDArray x, INDArray padding) {
        if (padding == null) {
            return x;
        }
        INDArray keep = padding.eq(0).castTo(x.dataType()).reshape(x.size(0), x.size(1), 1);
        return x.mul(keep.broadcast(x.shape()));
    }

    /** Zeroes rows where a Hugging Face attention_mask [B, L] is 0. */
    static INDArray zeroMasked(INDArray x, INDArray attentionMask) {
        return zeroPadded(x, attentionMask.eq(0).castTo(org.nd4j.linalg.api.buffer.DataType.INT));
    }
}

package newarch.models.blosa;

import newarch.attention.Masks;
import newarch.tensor.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Multi-dimensional (feature-wise) attention pooling shared by mSA and source2token: each feature k has its own
 * distribution over the attended tokens, P_{·k} = softmax_i(f_{ik}), and the result is Σ_i P_i ⊙ x_i.
 */
final class FeatureWiseAttention {
    private FeatureWiseAttention() {
    }

    /**
     * @param logits  scores [..., S, d] with the attended tokens on axis {@code axis} (S) and features last
     * @param allowed 1 where a token may be attended, 0 where not, broadcastable to the logits with size 1 in the
     *                feature axis; a row with no allowed token gets zero weights and so zero output
     * @param values  the attended vectors, broadcastable to the logits
     * @return Σ over {@code axis} of softmax(logits + mask) ⊙ values (that axis removed)
     */
    static Tensor pool(Tensor logits, INDArray allowed, Tensor values, int axis) {
        Tensor mask = Masks.fromBlocked(allowed.rsub(1), logits.dataType()); // 0 / −∞
        Tensor weights = logits.add(mask).softmax(axis);
        return weights.mul(values).sum(axis);
    }
}

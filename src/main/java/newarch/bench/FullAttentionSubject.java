package newarch.bench;

import newarch.attention.ScaledDotProductAttention;

/** Full (quadratic) attention: {@link ScaledDotProductAttention} on one head, q, k, v [1, L, hidden] as leaves. */
final class FullAttentionSubject implements ScalingSubject {
    @Override
    public String name() {
        return "full";
    }

    @Override
    public String description() {
        return "full attention (ScaledDotProductAttention, 1 head)";
    }

    @Override
    public double expectedExponent() {
        return 2;
    }

    /**
     * The [L, L] score matrix dominates: the forward keeps the probabilities (one L² float array, softmax works in
     * place) and the backward makes one more for the score gradients; the [L, hidden] arrays are small beside them.
     */
    @Override
    public long estimatedBytes(long length, long hidden) {
        return 4L * (2 * length * length + 12 * length * hidden);
    }

    @Override
    public Step prepare(int length, int hidden, long seed) {
        return ScalingSubject.attentionStep(length, hidden, seed, (q, k, v) -> ScaledDotProductAttention.attend(q, k, v, null).output());
    }
}

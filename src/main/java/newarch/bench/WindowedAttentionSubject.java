package newarch.bench;

import newarch.attention.WindowedAttention;

/**
 * Truncated attention: {@link WindowedAttention} with a fixed window of {@value #WINDOW} positions (chunks of 64), one
 * head, q, k, v [1, L, hidden] as leaves. Its cost grows linearly with L.
 */
final class WindowedAttentionSubject implements ScalingSubject {
    static final int WINDOW = 64;

    @Override
    public String name() {
        return "window";
    }

    @Override
    public String description() {
        return "windowed attention (|i - j| <= " + WINDOW + ", chunks of " + WINDOW + ", 1 head)";
    }

    @Override
    public double expectedExponent() {
        return 1;
    }

    /** Each chunk of c queries scores 3c keys: [L, 3c] probabilities plus their gradient, and the 3c-key windows. */
    @Override
    public long estimatedBytes(long length, long hidden) {
        long band = 3L * WINDOW;
        return 4L * (2 * length * band + 2 * 3 * length * hidden + 12 * length * hidden);
    }

    @Override
    public Step prepare(int length, int hidden, long seed) {
        return ScalingSubject.attentionStep(length, hidden, seed, new WindowedAttention(WINDOW)::attend);
    }
}

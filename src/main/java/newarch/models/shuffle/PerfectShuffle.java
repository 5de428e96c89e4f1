package newarch.models.shuffle;

/**
 * Stone's perfect shuffle of n = 2^k elements: interleave the two halves like a riffled deck, so
 * 1..8 becomes 1,5,2,6,3,7,4,8. In index bits it rotates the address right by one, which is why k rounds of
 * shuffle plus local exchange connect every input to every output (the Shuffle-Exchange network).
 * Here {@code out[i] = in[perm[i]]}.
 */
public final class PerfectShuffle {
    private PerfectShuffle() {
    }

    public static long[] permutation(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("the perfect shuffle needs n ≥ 1, got " + n);
        }
        long[] perm = new long[n];
        int half = (n + 1) / 2; // for odd n the first "half" holds the extra card
        for (int i = 0; i < n; i++) {
            perm[i] = i % 2 == 0 ? i / 2 : half + i / 2;
        }
        return perm;
    }

    /** The inverse shuffle ("unshuffle"): {@code inverse[perm[i]] = i}. */
    public static long[] inverse(int n) {
        long[] perm = permutation(n);
        long[] inv = new long[n];
        for (int i = 0; i < n; i++) {
            inv[(int) perm[i]] = i;
        }
        return inv;
    }
}

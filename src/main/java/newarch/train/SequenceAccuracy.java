package newarch.train;

/**
 * Exact-sequence and per-token accuracy of predictions against references, both compared with their EOS: a
 * prediction that stops early or runs on is wrong at the positions where it differs, and not exact.
 */
final class SequenceAccuracy {
    private long sequences;
    private long exact;
    private long tokens;
    private long correctTokens;

    /** @param finished whether the prediction ended with EOS (an unfinished one has no EOS to compare) */
    void add(int[] predicted, boolean finished, int[] reference) {
        sequences++;
        int n = reference.length + 1;                       // reference tokens and its EOS
        tokens += n;
        int agree = 0;
        for (int j = 0; j < n; j++) {
            if (tokenAt(predicted, finished, j) == tokenAt(reference, true, j)) {
                agree++;
            }
        }
        correctTokens += agree;
        if (finished && java.util.Arrays.equals(predicted, reference)) {
            exact++;
        }
    }

    /** The token at position j of "sequence EOS", or -1 past its end. */
    private static int tokenAt(int[] seq, boolean withEos, int j) {
        if (j < seq.length) {
            return seq[j];
        }
        return j == seq.length && withEos ? newarch.data.Vocabulary.EOS : -1;
    }

    double exact() {
        return (double) exact / sequences;
    }

    double tokenAccuracy() {
        return (double) correctTokens / tokens;
    }
}

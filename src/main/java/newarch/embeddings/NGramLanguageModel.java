package newarch.embeddings;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import newarch.data.Vocabulary;

/**
 * A count-based n-gram language model: P(w | previous n−1 words) estimated from counts in training text, the baseline
 * every neural language model is compared with. Add-k (Lidstone; k = 1 is Laplace) smoothing gives unseen n-grams a
 * little probability mass so that a test text with a new n-gram does not get perplexity ∞:
 * P(w | h) = (c(h, w) + k) / (c(h) + k·V), which sums to 1 over the V words for every history h.
 *
 * <p>Each training sequence is padded on the left with n−1 {@link Vocabulary#BOS} ids, so the first words have a
 * full history too; {@link #perplexity} pads the same way.
 */
public final class NGramLanguageModel {
    private final int order;
    private final int vocabularySize;
    private final double k;
    /** c(h, w): how often word w followed history h (keyed by history, then word). */
    private final Map<History, Map<Integer, Integer>> counts = new HashMap<>();
    /** c(h): how often history h was followed by any word. */
    private final Map<History, Integer> historyCounts = new HashMap<>();

    /**
     * @param order          n: 1 is a unigram model, 2 bigram, 3 trigram
     * @param vocabularySize V: ids must be in [0, V)
     * @param k              add-k smoothing constant, &gt; 0 (0 would give unseen words probability 0)
     */
    public NGramLanguageModel(int order, int vocabularySize, double k) {
        if (order < 1) {
            throw new IllegalArgumentException("order is " + order + " but must be at least 1");
        }
        if (vocabularySize < 1) {
            throw new IllegalArgumentException("vocabularySize is " + vocabularySize + " but must be at least 1");
        }
        if (!(k > 0) || Double.isInfinite(k)) {
            throw new IllegalArgumentException("k is " + k + " but must be a positive number (add-k smoothing)");
        }
        this.order = order;
        this.vocabularySize = vocabularySize;
        this.k = k;
    }

    /** Counts every n-gram of each sequence of ids (a sentence, a document or a whole book). */
    public NGramLanguageModel train(List<int[]> sequences) {
        for (int[] seq : sequences) {
            int[] padded = padded(seq);
            for (int i = order - 1; i < padded.length; i++) {
                History h = new History(Arrays.copyOfRange(padded, i - order + 1, i));
                counts.computeIfAbsent(h, x -> new HashMap<>()).merge(padded[i], 1, Integer::sum);
                historyCounts.merge(h, 1, Integer::sum);
            }
        }
        return this;
    }

    public NGramLanguageModel train(int[] sequence) {
        return train(List.of(sequence));
    }

    public int order() {
        return order;
    }

    /**
     * P(word | context) with add-k smoothing. Only the last n−1 ids of {@code context} matter; a shorter context is
     * padded with BOS on the left, as at the start of a training sequence.
     */
    public double probability(int[] context, int word) {
        checkId("word", word);
        for (int c : context) {
            checkId("context id", c);
        }
        History h = historyOf(context, context.length);
        int joint = counts.getOrDefault(h, Map.of()).getOrDefault(word, 0);
        int total = historyCounts.getOrDefault(h, 0);
        return (joint + k) / (total + k * vocabularySize);
    }

    /** The count c(context, word) seen in training (last n−1 ids of context, BOS-padded). */
    public int count(int[] context, int word) {
        return counts.getOrDefault(historyOf(context, context.length), Map.of()).getOrDefault(word, 0);
    }

    /**
     * exp of the mean negative log-probability of each token given its n−1 predecessors (BOS-padded): the
     * effective number of equally likely choices per token; 1 for a perfectly predicted sequence.
     */
    public double perplexity(int[] tokens) {
        if (tokens.length == 0) {
            throw new IllegalArgumentException("perplexity of an empty token sequence is undefined");
        }
        int[] padded = padded(tokens);
        double nll = 0;
        for (int i = order - 1; i < padded.length; i++) {
            int[] context = Arrays.copyOfRange(padded, i - order + 1, i);
            nll -= Math.log(probability(context, padded[i]));
        }
        return Math.exp(nll / tokens.length);
    }

    private int[] padded(int[] seq) {
        int[] out = new int[seq.length + order - 1];
        Arrays.fill(out, 0, order - 1, Vocabulary.BOS);
        for (int i = 0; i < seq.length; i++) {
            checkId("token at position " + i, seq[i]);
            out[i + order - 1] = seq[i];
        }
        return out;
    }

    private History historyOf(int[] context, int end) {
        int[] h = new int[order - 1];
        for (int j = 0; j < h.length; j++) {
            int pos = end - h.length + j;
            h[j] = pos >= 0 ? context[pos] : Vocabulary.BOS;
        }
        return new History(h);
    }

    private void checkId(String what, int id) {
        if (id < 0 || id >= vocabularySize) {
            throw new IllegalArgumentException(what + " is " + id + " but ids must be in [0, " + vocabularySize + ")");
        }
    }

    /** The n−1 preceding ids, as a map key with value equality. */
    private record History(int[] ids) {
        @Override
        public boolean equals(Object o) {
            return o instanceof History h && Arrays.equals(ids, h.ids);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(ids);
        }

        @Override
        public String toString() {
            return Arrays.toString(ids);
        }
    }
}

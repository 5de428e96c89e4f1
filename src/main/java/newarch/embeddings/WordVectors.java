package newarch.embeddings;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import newarch.data.Vocabulary;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A table of word vectors ([V, d], row i for word i of the vocabulary) queried by cosine similarity: nearest
 * neighbours, and analogies by vector arithmetic (king − man + woman ≈ queen). The reserved tokens (PAD, BOS, EOS,
 * UNK) are never answers.
 */
public final class WordVectors {
    /** A neighbour and its cosine similarity to the query. */
    public record Neighbour(String word, double similarity) {
        @Override
        public String toString() {
            return String.format(java.util.Locale.ROOT, "%s (%.3f)", word, similarity);
        }
    }

    private final Vocabulary vocabulary;
    private final INDArray unit; // [V, d], rows of length 1

    public WordVectors(Vocabulary vocabulary, INDArray vectors) {
        CosineSimilarity.requireMatrix("vectors", vectors);
        if (vectors.size(0) != vocabulary.size()) {
            throw new IllegalArgumentException("vectors are " + Arrays.toString(vectors.shape()) + " but the vocabulary has "
                    + vocabulary.size() + " words: need one row per word");
        }
        this.vocabulary = vocabulary;
        this.unit = CosineSimilarity.normalizeRows(vectors);
    }

    /** The unit-length vector of {@code word}: [d]. */
    public INDArray vector(String word) {
        return unit.getRow(idOf(word));
    }

    public double similarity(String a, String b) {
        return vector(a).mul(vector(b)).sumNumber().doubleValue();
    }

    /** The {@code k} words most similar to {@code word} (itself excluded), most similar first. */
    public List<Neighbour> nearestNeighbours(String word, int k) {
        int id = idOf(word);
        return ranked(unit.getRow(id).dup(), k, Set.of(id));
    }

    /**
     * The words d that best complete "a is to b as c is to d", by the direction b − a + c (3CosAdd); a, b and c
     * themselves are excluded, as in word2vec's evaluation.
     */
    public List<Neighbour> analogy(String a, String b, String c, int k) {
        int ia = idOf(a);
        int ib = idOf(b);
        int ic = idOf(c);
        INDArray query = unit.getRow(ib).sub(unit.getRow(ia)).addi(unit.getRow(ic));
        return ranked(query, k, Set.of(ia, ib, ic));
    }

    private List<Neighbour> ranked(INDArray query, int k, Set<Integer> excluded) {
        if (k < 1) {
            throw new IllegalArgumentException("k is " + k + " but must be at least 1");
        }
        double norm = Math.max(query.norm2Number().doubleValue(), 1e-12);
        double[] sims = unit.mmul(query.reshape(query.length(), 1)).divi(norm).toDoubleVector(); // [V]
        List<Integer> candidates = new ArrayList<>();
        for (int i = Vocabulary.UNK + 1; i < sims.length; i++) {
            if (!excluded.contains(i)) {
                candidates.add(i);
            }
        }
        candidates.sort(Comparator.comparingDouble((Integer i) -> -sims[i]).thenComparing(i -> i));
        List<Neighbour> out = new ArrayList<>();
        for (int i = 0; i < Math.min(k, candidates.size()); i++) {
            int id = candidates.get(i);
            out.add(new Neighbour(vocabulary.token(id), sims[id]));
        }
        return out;
    }

    private int idOf(String word) {
        if (!vocabulary.contains(word) || vocabulary.id(word) <= Vocabulary.UNK) {
            throw new IllegalArgumentException("word '" + word + "' is not in the vocabulary of " + vocabulary.size()
                    + " words");
        }
        return vocabulary.id(word);
    }
}

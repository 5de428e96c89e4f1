package newarch.embeddings;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Bag of n-grams: like {@link BagOfWords}, but each feature is a run of n consecutive words ("not good" as one
 * feature), which recovers a little of the word order a bag of words loses. The feature set is the n-grams seen at
 * least {@code minCount} times in the training documents, most frequent first; unseen n-grams are dropped.
 */
public final class NGramFeatures {
    private final int n;
    private final boolean binary;
    private final Map<String, Integer> index = new LinkedHashMap<>();

    private NGramFeatures(int n, boolean binary, List<String> features) {
        this.n = n;
        this.binary = binary;
        for (String f : features) {
            index.put(f, index.size());
        }
    }

    /** Word bigrams of {@code documents} seen at least {@code minCount} times. */
    public static NGramFeatures bigrams(List<List<String>> documents, int minCount, boolean binary) {
        return fit(2, documents, minCount, binary);
    }

    public static NGramFeatures fit(int n, List<List<String>> documents, int minCount, boolean binary) {
        if (n < 1) {
            throw new IllegalArgumentException("n is " + n + " but must be at least 1");
        }
        if (minCount < 1) {
            throw new IllegalArgumentException("minCount is " + minCount + " but must be at least 1");
        }
        Map<String, Integer> counts = new HashMap<>();
        for (List<String> doc : documents) {
            for (String g : ngrams(doc, n)) {
                counts.merge(g, 1, Integer::sum);
            }
        }
        List<String> kept = new ArrayList<>();
        counts.forEach((g, c) -> {
            if (c >= minCount) {
                kept.add(g);
            }
        });
        kept.sort(Comparator.<String>comparingInt(counts::get).reversed().thenComparing(Comparator.naturalOrder()));
        return new NGramFeatures(n, binary, kept);
    }

    /** The n-grams of {@code tokens} in order, each its words joined by a space ("call me", "me ishmael"). */
    public static List<String> ngrams(List<String> tokens, int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i + n <= tokens.size(); i++) {
            out.add(String.join(" ", tokens.subList(i, i + n)));
        }
        return out;
    }

    public int n() {
        return n;
    }

    public int dimension() {
        return index.size();
    }

    /** The features in column order. */
    public List<String> features() {
        return List.copyOf(index.keySet());
    }

    /** The feature column of an n-gram ("call me"), or -1 when it is not a feature. */
    public int column(String ngram) {
        return index.getOrDefault(ngram, -1);
    }

    /** The same counts as {@link #vector}, sparse: n-gram → count (or 1 when binary), feature n-grams only. */
    public Map<String, Double> sparse(List<String> tokens) {
        Map<String, Double> out = new java.util.TreeMap<>();
        for (String g : ngrams(tokens, n)) {
            if (index.containsKey(g)) {
                out.merge(g, 1.0, binary ? (a, b) -> 1.0 : Double::sum);
            }
        }
        return out;
    }

    /** Count (or presence) of each feature n-gram in one tokenized document: [features]. */
    public INDArray vector(List<String> tokens) {
        List<Integer> ids = new ArrayList<>();
        for (String g : ngrams(tokens, n)) {
            Integer id = index.get(g);
            if (id != null) {
                ids.add(id);
            }
        }
        if (index.isEmpty()) {
            return org.nd4j.linalg.factory.Nd4j.zeros(DataType.FLOAT, 0);
        }
        return BagOfWords.countIds(ids.stream().mapToInt(Integer::intValue).toArray(), index.size(), binary,
                DataType.FLOAT);
    }
}

package newarch.embeddings;

import java.util.List;
import newarch.data.Vocabulary;
import newarch.data.VocabularyBuilder;
import newarch.tensor.Indexing;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The simplest word representation: word i of a vocabulary of V words is the i-th unit vector of length V. It names
 * the word and says nothing about its meaning: every two distinct words are orthogonal (cosine similarity 0), so
 * "whale" is as far from "sea" as from "spoon" — the motivation for learned, dense embeddings.
 */
public final class OneHot {
    private final Vocabulary vocabulary;
    private final DataType type;

    public OneHot(Vocabulary vocabulary, DataType type) {
        this.vocabulary = vocabulary;
        this.type = type;
    }

    public OneHot(Vocabulary vocabulary) {
        this(vocabulary, DataType.FLOAT);
    }

    public int dimension() {
        return vocabulary.size();
    }

    /** One row per word: [words, V]. Words outside the vocabulary become the UNK row. */
    public INDArray encode(List<String> words) {
        if (words.isEmpty()) {
            return Nd4j.zeros(type, 0, vocabulary.size());
        }
        int[] ids = VocabularyBuilder.encode(vocabulary, words);
        return Indexing.oneHot(Nd4j.createFromArray(ids), vocabulary.size(), type).data();
    }

    /** The one-hot vector of one word: [V]. */
    public INDArray encode(String word) {
        return encode(List.of(word)).getRow(0);
    }

    /**
     * The cosine similarity of the one-hot vectors of {@code words}: [n, n], 1 on the diagonal and 0 for every pair
     * of distinct words (the identity matrix when the words are distinct): all words are equally far apart.
     */
    public INDArray cosineSimilarities(List<String> words) {
        return CosineSimilarity.matrix(encode(words));
    }
}

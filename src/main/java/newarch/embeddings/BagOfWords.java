package newarch.embeddings;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import newarch.data.Vocabulary;
import newarch.data.VocabularyBuilder;
import newarch.tensor.Indexing;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A document as the sum of the one-hot vectors of its words: a count per vocabulary word, word order thrown away
 * ("dog bites man" = "man bites dog"). Binary mode records only presence (1 if the word occurs at all), which keeps
 * frequent words from dominating.
 */
public final class BagOfWords {
    private final Vocabulary vocabulary;
    private final boolean binary;
    private final DataType type;

    public BagOfWords(Vocabulary vocabulary, boolean binary, DataType type) {
        this.vocabulary = vocabulary;
        this.binary = binary;
        this.type = type;
    }

    public BagOfWords(Vocabulary vocabulary, boolean binary) {
        this(vocabulary, binary, DataType.FLOAT);
    }

    public int dimension() {
        return vocabulary.size();
    }

    /** The count (or presence) vector of one tokenized document: [V]. Unknown words count towards UNK. */
    public INDArray vector(List<String> tokens) {
        return countIds(VocabularyBuilder.encode(vocabulary, tokens), vocabulary.size(), binary, type);
    }

    /**
     * The same counts as {@link #vector}, sparse: word → count (or 1 when binary), only the words present; what a
     * linear model over a large vocabulary wants. Out-of-vocabulary words count as {@code <unk>}, as in the vector.
     */
    public Map<String, Double> sparse(List<String> tokens) {
        Map<String, Double> out = new TreeMap<>();
        for (int id : VocabularyBuilder.encode(vocabulary, tokens)) {
            out.merge(vocabulary.token(id), 1.0, binary ? (a, b) -> 1.0 : Double::sum);
        }
        return out;
    }

    /** One row per document: [documents, V]. */
    public INDArray matrix(List<List<String>> documents) {
        INDArray out = Nd4j.zeros(type, documents.size(), vocabulary.size());
        for (int i = 0; i < documents.size(); i++) {
            out.putRow(i, vector(documents.get(i)));
        }
        return out;
    }

    /** Sums the one-hot rows of {@code ids}: a histogram over {@code size} classes, done by ND4J. */
    static INDArray countIds(int[] ids, int size, boolean binary, DataType type) {
        if (ids.length == 0) {
            return Nd4j.zeros(type, size);
        }
        INDArray counts = Indexing.oneHot(Nd4j.createFromArray(ids), size, type).data().sum(0); // [size]
        return binary ? counts.gt(0).castTo(type) : counts;
    }
}

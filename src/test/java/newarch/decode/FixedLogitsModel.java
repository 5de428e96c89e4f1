package newarch.decode;

import java.util.Map;
import newarch.models.SequenceToSequence;
import newarch.tensor.Tensor;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A hand-built "model" whose next-token probabilities depend only on the previous token, from a fixed table:
 * decoding algorithms can then be checked against answers worked out by hand.
 */
final class FixedLogitsModel implements SequenceToSequence {
    private final int vocabulary;
    private final Map<Integer, double[]> nextProbabilities;
    private final double[] otherwise;

    /** @param nextProbabilities previous token → probabilities of the next one; any other previous token: uniform */
    FixedLogitsModel(int vocabulary, Map<Integer, double[]> nextProbabilities) {
        this.vocabulary = vocabulary;
        this.nextProbabilities = nextProbabilities;
        this.otherwise = new double[vocabulary];
        java.util.Arrays.fill(otherwise, 1.0 / vocabulary);
    }

    private record Rows(long rows) implements Encoded {
        @Override
        public Encoded repeatRows(int times) {
            return new Rows(rows * times);
        }
    }

    @Override
    public Encoded encode(INDArray source) {
        return new Rows(source.size(0));
    }

    @Override
    public Tensor decode(Encoded memory, INDArray prefix) {
        long b = prefix.size(0);
        long t = prefix.size(1);
        if (b != ((Rows) memory).rows()) {
            throw new IllegalStateException("prefix rows " + b + " but memory rows " + ((Rows) memory).rows());
        }
        double[] logits = new double[(int) (b * t * vocabulary)];
        for (int i = 0; i < b; i++) {
            for (int j = 0; j < t; j++) {
                double[] p = nextProbabilities.getOrDefault((int) prefix.getLong(i, j), otherwise);
                for (int v = 0; v < vocabulary; v++) {
                    logits[(int) ((i * t + j) * vocabulary + v)] = Math.log(Math.max(p[v], 1e-30));
                }
            }
        }
        return Tensor.constant(Nd4j.createFromArray(logits).reshape(b, t, vocabulary).castTo(DataType.FLOAT));
    }

    @Override
    public int targetVocabularySize() {
        return vocabulary;
    }
}

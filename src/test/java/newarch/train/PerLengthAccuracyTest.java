package newarch.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import newarch.data.LengthRange;
import newarch.data.SequenceTask;
import newarch.data.Tasks;
import newarch.data.Vocabulary;
import newarch.models.SequenceToSequence;
import newarch.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Per-length exact accuracy, checked with oracles whose answers are known at every length. */
class PerLengthAccuracyTest {
    /** Copies its source, but only up to {@code limit} tokens (then says EOS): exact exactly up to that length. */
    record TruncatingCopier(int vocabulary, int limit) implements SequenceToSequence {
        record Source(INDArray ids) implements Encoded {
            @Override
            public Encoded repeatRows(int times) {
                return new Source(ids.repeat(0, times));
            }
        }

        @Override
        public Encoded encode(INDArray source) {
            return new Source(source);
        }

        @Override
        public Tensor decode(Encoded memory, INDArray prefix) {
            long[][] src = ((Source) memory).ids().toLongMatrix();
            int b = (int) prefix.size(0);
            int t = (int) prefix.size(1);
            double[][][] logits = new double[b][t][vocabulary];
            for (int i = 0; i < b; i++) {
                for (int j = 0; j < t; j++) {
                    long next = j < src[i].length && j < limit && src[i][j] != Vocabulary.PAD ? src[i][j]
                            : Vocabulary.EOS;
                    logits[i][j][(int) next] = 10;
                }
            }
            return Tensor.constant(Nd4j.create(logits));
        }

        @Override
        public int targetVocabularySize() {
            return vocabulary;
        }
    }

    @Test
    void accuracyIsReportedForEveryLength() {
        SequenceTask copy = Tasks.create("copy");
        Map<Integer, Double> exact = PerLengthAccuracy.exactByLength(new TruncatingCopier(copy.vocabulary().size(),
                3), copy, 1, LengthRange.of(1, 5), 7);
        assertEquals(List.of(1, 2, 3, 4, 5), List.copyOf(exact.keySet()));
        assertEquals(List.of(1.0, 1.0, 1.0, 0.0, 0.0), List.copyOf(exact.values()));
    }

    @Test
    void zeroExamplesIsRejected() {
        SequenceTask copy = Tasks.create("copy");
        assertThrows(IllegalArgumentException.class, () -> PerLengthAccuracy.exactByLength(
                new TruncatingCopier(copy.vocabulary().size(), 3), copy, 1, LengthRange.of(1, 2), 0));
    }
}

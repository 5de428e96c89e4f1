package newarch.decode;

import newarch.tensor.Softmax;
import newarch.tensor.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Helpers shared by the decoders: the last position's log-probabilities, and prefixes as int64 arrays. */
final class Steps {
    private Steps() {
    }

    /** log softmax of the logits [B, T, V] at the last position: [B, V]. */
    static INDArray lastLogProbabilities(Tensor logits) {
        INDArray all = logits.data();
        long t = all.size(1);
        INDArray last = all.get(NDArrayIndex.all(), NDArrayIndex.point(t - 1), NDArrayIndex.all()).dup('c');
        return Softmax.logSoftmax(Tensor.constant(last), 1).data();
    }

    /** Host token lists → an int64 [rows, len] array (all rows have the same length). */
    static INDArray prefixes(long[][] rows) {
        return Nd4j.createFromArray(rows);
    }

    static void requireMaxLength(int maxLength) {
        if (maxLength < 1) {
            throw new IllegalArgumentException("max length is " + maxLength + " but must be at least 1");
        }
    }

    static void requireSources(INDArray source) {
        if (source.rank() != 2 || !source.dataType().isIntType()) {
            throw new IllegalArgumentException("source is " + source.dataType() + " "
                    + java.util.Arrays.toString(source.shape()) + " but must be int64 token ids [batch, length]");
        }
    }
}

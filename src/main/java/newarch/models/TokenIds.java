package newarch.models;

import newarch.tensor.Shapes;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The checks every language model makes on its input before the first lookup, with one-line messages. */
public final class TokenIds {
    private TokenIds() {
    }

    /**
     * Requires integer ids [batch, length] with 1 ≤ length ≤ {@code contextLength} and every id in [0, vocabSize).
     *
     * @param name        the argument's name in messages ("input_ids", "tokens")
     * @param vocabName   what the vocabulary size is called in the model's config ("vocab_size")
     * @param contextName what the context length is called ("n_positions")
     */
    public static void require(String name, INDArray ids, int vocabSize, String vocabName, int contextLength,
                               String contextName) {
        if (ids.rank() != 2 || !ids.dataType().isIntType()) {
            throw new IllegalArgumentException(name + " is " + ids.dataType() + " " + Shapes.show(ids)
                    + " but must be integer token ids [batch, length]");
        }
        if (ids.size(1) == 0 || ids.size(1) > contextLength) {
            throw new IllegalArgumentException(name + " is " + Shapes.show(ids) + " but its length must be 1.."
                    + contextLength + " (" + contextName + ", the longest context the model has positions for)");
        }
        long min = ids.minNumber().longValue();
        long max = ids.maxNumber().longValue();
        if (min < 0 || max >= vocabSize) {
            throw new IllegalArgumentException(name + " " + Shapes.show(ids) + " holds token ids from " + min + " to "
                    + max + " but " + vocabName + " is " + vocabSize + " (ids must be in [0, " + vocabSize + "))");
        }
    }
}

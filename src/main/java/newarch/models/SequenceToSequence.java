package newarch.models;

import newarch.tensor.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An encoder–decoder that predicts the next target token. The trainer, greedy decoding and beam search only see
 * this interface, so an RNN with attention, a Transformer and a Universal Transformer are interchangeable.
 *
 * <p>Token ids are int64. Every implementation treats id {@link newarch.data.Vocabulary#PAD} as padding in the source
 * (ignored by attention) and in the target (ignored by the loss).
 */
public interface SequenceToSequence {

    /** Encodes {@code source} [batch, srcLen] once; decoding then reuses the result for every step. */
    Encoded encode(INDArray source);

    /** Next-token logits [batch, tgtLen, targetVocab] for a target prefix [batch, tgtLen] (causal over the prefix). */
    Tensor decode(Encoded memory, INDArray targetPrefix);

    /**
     * The training pass with teacher forcing: logits for {@code targetInput} plus an optional scalar to add to the loss
     * (the ponder cost of adaptive computation time; {@code null} when the model has none).
     */
    default Output forward(INDArray source, INDArray targetInput) {
        return new Output(decode(encode(source), targetInput), null);
    }

    int targetVocabularySize();

    /** What {@link #forward} returns. {@code auxiliaryLoss} is a scalar tensor or {@code null}. */
    record Output(Tensor logits, Tensor auxiliaryLoss) {
    }

    /** An encoded source batch. */
    interface Encoded {
        /** The same batch with every row repeated {@code times} times consecutively (row i → rows i·times …), for beam search. */
        Encoded repeatRows(int times);

        /**
         * The gather index that {@link #repeatRows} implementations select with: [0,0,…,1,1,…] for {@code batch}
         * rows each repeated {@code times} times.
         */
        static INDArray repeatedRowIndex(long batch, int times) {
            if (times < 1) {
                throw new IllegalArgumentException("repeatRows: times is " + times + " but must be at least 1");
            }
            long[] rows = new long[Math.toIntExact(batch * times)];
            for (int i = 0; i < rows.length; i++) {
                rows[i] = i / times;                                   // row i → rows i·times … i·times + times − 1
            }
            return org.nd4j.linalg.factory.Nd4j.createFromArray(rows);
        }
    }
}

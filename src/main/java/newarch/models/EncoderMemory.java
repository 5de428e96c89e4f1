package newarch.models;

import newarch.tensor.Indexing;
import newarch.tensor.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What an attention encoder hands its decoder: the encoded source and where the source was padded (cross-attention
 * must not look there). The Transformer and the Universal Transformer both decode from it.
 *
 * @param states        [batch, srcLen, d_model] the encoder's output
 * @param sourcePadding [batch, srcLen] 1 at source padding, else 0
 */
public record EncoderMemory(Tensor states, INDArray sourcePadding) implements SequenceToSequence.Encoded {
    @Override
    public EncoderMemory repeatRows(int times) {
        INDArray index = SequenceToSequence.Encoded.repeatedRowIndex(states.size(0), times);
        return new EncoderMemory(Indexing.indexSelect(states, 0, index),
                Indexing.indexSelect(Tensor.constant(sourcePadding), 0, index).data());
    }
}

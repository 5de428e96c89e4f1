package newarch.models.distilbert;

import newarch.attention.PositionalEncoding;
import newarch.nn.Module;
import newarch.tensor.Tensor;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * DistilBERT's {@code sinusoidal_pos_embds} option: the position table is the fixed sinusoidal encoding of
 * "Attention Is All You Need" and is not trained. It is a buffer named {@code weight}, so the key
 * {@code embeddings.position_embeddings.weight} of a checkpoint still loads into it, but it is not a parameter
 * (Hugging Face freezes it with requires_grad = False).
 */
public class SinusoidalPositionTable extends Module {
    public SinusoidalPositionTable(int maxPositions, int dim) {
        buffer("weight", PositionalEncoding.sinusoidal(maxPositions, dim, 10000, DataType.FLOAT));
    }

    /** The table [maxPositions, dim] as a constant. */
    public Tensor weight() {
        return Tensor.constant(buffer("weight"));
    }
}

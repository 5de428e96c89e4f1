package newarch.nn;

import newarch.tensor.Rng;
import newarch.tensor.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Long short-term memory (Hochreiter &amp; Schmidhuber, 1997, with the forget gate of Gers et al.), exactly as
 * torch.nn.LSTM without projections: gates i, f, g, o; c' = f ⊙ c + i ⊙ g; h' = o ⊙ tanh(c'). The state is the pair
 * (h, c). See {@link Recurrent} for layers, directions and lengths.
 */
public class LSTM extends Recurrent {

    public LSTM(RecurrentConfig config, Rng rng) {
        super("LSTM", 4, config, rng);
    }

    /** One batch-first layer with biases. */
    public LSTM(long inputSize, long hiddenSize, Rng rng) {
        this(RecurrentConfig.of(inputSize, hiddenSize), rng);
    }

    @Override
    protected Tensor sweep(Tensor inputProjection, Tensor[] initial, Tensor weightHh, Tensor biasHh, INDArray mask,
                           boolean reverse) {
        return LstmSweep.run(inputProjection, initial[0], initial[1], weightHh, biasHh, mask, reverse);
    }

    @Override
    protected int stateCount() {
        return 2;
    }
}

package newarch.nn;

import newarch.tensor.Rng;
import newarch.tensor.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Gated recurrent unit (Cho et al., 2014), exactly as torch.nn.GRU: gates r (reset), z (update), n (new), with
 * n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn)) — the reset gate scales the hidden term including its bias — and
 * h' = (1 − z) ⊙ n + z ⊙ h. See {@link Recurrent} for layers, directions and lengths.
 */
public class GRU extends Recurrent {

    public GRU(RecurrentConfig config, Rng rng) {
        super("GRU", 3, config, rng);
    }

    /** One batch-first layer with biases. */
    public GRU(long inputSize, long hiddenSize, Rng rng) {
        this(RecurrentConfig.of(inputSize, hiddenSize), rng);
    }

    /** From the initial hidden state {@code h0} [layers·directions, batch, hidden] (null for zeros). */
    public RecurrentOutput forward(Tensor input, Tensor h0) {
        return forward(input, h0 == null ? null : RecurrentState.of(h0), null);
    }

    @Override
    protected Tensor sweep(Tensor inputProjection, Tensor[] initial, Tensor weightHh, Tensor biasHh, INDArray mask,
                           boolean reverse) {
        return GruSweep.run(inputProjection, initial[0], weightHh, biasHh, mask, reverse);
    }

    @Override
    protected int stateCount() {
        return 1;
    }
}

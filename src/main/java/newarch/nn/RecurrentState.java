package newarch.nn;

import newarch.tensor.Tensor;

/**
 * The state a recurrent network carries from step to step, laid out as PyTorch's h_0/h_n and c_0/c_n:
 * [layers·directions, batch, hidden], ordered layer 0 forward, layer 0 backward, layer 1 forward, ...
 *
 * @param hidden h, the hidden state
 * @param cell   c, the LSTM's memory cell; {@code null} for a GRU, which has none
 */
public record RecurrentState(Tensor hidden, Tensor cell) {

    /** A GRU's state: the hidden state alone. */
    public static RecurrentState of(Tensor hidden) {
        return new RecurrentState(hidden, null);
    }
}

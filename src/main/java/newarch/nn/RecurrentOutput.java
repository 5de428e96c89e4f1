package newarch.nn;

import newarch.tensor.Tensor;

/**
 * What a recurrent network returns, as PyTorch's {@code output, h_n} (GRU) and {@code output, (h_n, c_n)} (LSTM).
 *
 * @param output the top layer's hidden state at every step, [batch, time, directions·hidden] when batch-first
 * @param state  the final state of every layer and direction, [layers·directions, batch, hidden]
 */
public record RecurrentOutput(Tensor output, RecurrentState state) {

    /** h_n. */
    public Tensor hidden() {
        return state.hidden();
    }

    /** c_n (LSTM only, else null). */
    public Tensor cell() {
        return state.cell();
    }
}

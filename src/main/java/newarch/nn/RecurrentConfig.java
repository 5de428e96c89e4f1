package newarch.nn;

/**
 * The constructor arguments of torch.nn.GRU and torch.nn.LSTM, in PyTorch's order and with its meaning.
 *
 * @param inputSize     features per time step of the input (input_size)
 * @param hiddenSize    features of the hidden state, per direction (hidden_size)
 * @param numLayers     recurrent layers stacked on top of each other (num_layers)
 * @param bias          whether the layers have b_ih and b_hh (bias)
 * @param batchFirst    input and output are [batch, time, features] instead of [time, batch, features]
 *                      (batch_first; the initial and final states are [layers·directions, batch, hidden] either way)
 * @param dropout       dropout on the output of every layer except the last, in training only (dropout)
 * @param bidirectional a second layer runs over the sequence backwards and its output is concatenated (bidirectional)
 */
public record RecurrentConfig(long inputSize, long hiddenSize, int numLayers, boolean bias, boolean batchFirst,
                              double dropout, boolean bidirectional) {
    public RecurrentConfig {
        if (inputSize <= 0 || hiddenSize <= 0) {
            throw new IllegalArgumentException("input_size " + inputSize + " and hidden_size " + hiddenSize
                    + " must be positive");
        }
        if (numLayers < 1) {
            throw new IllegalArgumentException("num_layers is " + numLayers + " but must be at least 1");
        }
        if (dropout < 0 || dropout >= 1) {
            throw new IllegalArgumentException("dropout is " + dropout + " but must be in [0, 1)");
        }
    }

    /** One unidirectional layer with biases, batch-first (the library's convention), no dropout. */
    public static RecurrentConfig of(long inputSize, long hiddenSize) {
        return new RecurrentConfig(inputSize, hiddenSize, 1, true, true, 0, false);
    }

    public RecurrentConfig withLayers(int layers) {
        return new RecurrentConfig(inputSize, hiddenSize, layers, bias, batchFirst, dropout, bidirectional);
    }

    public RecurrentConfig withBidirectional(boolean on) {
        return new RecurrentConfig(inputSize, hiddenSize, numLayers, bias, batchFirst, dropout, on);
    }

    public RecurrentConfig withBias(boolean on) {
        return new RecurrentConfig(inputSize, hiddenSize, numLayers, on, batchFirst, dropout, bidirectional);
    }

    public RecurrentConfig withBatchFirst(boolean on) {
        return new RecurrentConfig(inputSize, hiddenSize, numLayers, bias, on, dropout, bidirectional);
    }

    public RecurrentConfig withDropout(double p) {
        return new RecurrentConfig(inputSize, hiddenSize, numLayers, bias, batchFirst, p, bidirectional);
    }

    /** 2 for a bidirectional network, else 1. */
    public int directions() {
        return bidirectional ? 2 : 1;
    }
}

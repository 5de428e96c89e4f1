package newarch.nn;

import newarch.tensor.Elementwise;
import newarch.tensor.Rng;
import newarch.tensor.Tensor;

/**
 * The position-wise feed-forward network FFN(x) = W₂ · act(W₁x + b₁) + b₂, applied to each position alone.
 * Parameters are named {@code linear1}/{@code linear2} as in PyTorch's Transformer layers.
 */
public class FeedForward extends Module {
    private final Linear linear1;
    private final Linear linear2;
    private final Dropout dropout;
    private final String activation;

    public FeedForward(long dModel, long dFf, String activation, double dropout, boolean bias, Rng rng) {
        this.linear1 = child("linear1", new Linear(dModel, dFf, bias, rng));
        this.dropout = child("dropout", new Dropout(dropout, rng));
        this.linear2 = child("linear2", new Linear(dFf, dModel, bias, rng));
        Elementwise.activation(activation, Tensor.constant(org.nd4j.linalg.factory.Nd4j.zeros(1))); // validates the name
        this.activation = activation;
    }

    public Tensor forward(Tensor x) {
        return linear2.forward(dropout.forward(Elementwise.activation(activation, linear1.forward(x))));
    }
}

package newarch.models.sandwich;

import newarch.nn.FeedForward;
import newarch.tensor.Rng;
import newarch.tensor.Tensor;

/** An {@code f} sublayer: the position-wise feed-forward network ({@code linear1}/{@code linear2}). */
public class FeedForwardSublayer extends Sublayer {
    private final FeedForward feedForward;

    public FeedForwardSublayer(SandwichConfig c, Rng rng) {
        super(c, rng);
        this.feedForward = child("", new FeedForward(c.dModel(), c.dFf(), c.activation(), c.dropout(), true, rng));
    }

    @Override
    protected Tensor transform(Tensor x, Tensor causal) {
        return feedForward.forward(x);
    }
}

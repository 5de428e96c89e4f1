package newarch.attention;

import newarch.nn.Init;
import newarch.nn.Module;
import newarch.tensor.Rng;
import newarch.tensor.Tensor;

/** A trainable [maxLen, d] table of position vectors (BERT, GPT-2, ViT), added to the token vectors. */
public class LearnedPositionalEncoding extends Module {
    private final Tensor weight;

    public LearnedPositionalEncoding(int maxLen, int dModel, double initStd, Rng rng) {
        this.weight = parameter("weight", Init.normal(rng, initStd, maxLen, dModel));
    }

    public Tensor forward(Tensor x) {
        return PositionalEncoding.addTo(x, weight);
    }

    public Tensor weight() {
        return weight;
    }
}

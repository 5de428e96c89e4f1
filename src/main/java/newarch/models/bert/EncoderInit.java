package newarch.models.bert;

import newarch.nn.Init;
import newarch.nn.Linear;
import newarch.tensor.Rng;

/**
 * BERT's initialisation (Hugging Face {@code _init_weights}): every Linear weight N(0, σ²) with σ =
 * initializer_range and bias zero, instead of PyTorch's default uniform. Embeddings are N(0, σ²) too and LayerNorms
 * start at γ = 1, β = 0 (their default), so only Linear needs redrawing.
 */
public final class EncoderInit {
    private EncoderInit() {
    }

    /** A Linear [out, in] with bias, initialised as BERT does. */
    public static Linear linear(long in, long out, double std, Rng rng) {
        Linear l = new Linear(in, out, true, rng);
        l.weight().setData(Init.normal(rng, std, out, in));
        l.bias().setData(Init.zeros(out));
        return l;
    }
}

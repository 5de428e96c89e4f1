package newarch.models.reformer;

import newarch.nn.Linear;
import newarch.nn.Module;
import newarch.tensor.Rng;
import newarch.tensor.Tensor;

/** A Linear layer one level down, under the name {@code dense}: Hugging Face nests Reformer's projections so. */
final class Dense extends Module {
    private final Linear dense;

    Dense(long in, long out, boolean bias, Rng rng) {
        this.dense = child("dense", new Linear(in, out, bias, rng));
    }

    Tensor forward(Tensor x) {
        return dense.forward(x);
    }
}

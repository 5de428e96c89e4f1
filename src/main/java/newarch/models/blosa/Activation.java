package newarch.models.blosa;

import newarch.tensor.Tensor;

/** σ of the Bi-BloSA paper: ReLU, or ELU as in the authors' code. */
final class Activation {
    private Activation() {
    }

    static Tensor apply(String name, Tensor x) {
        return switch (name) {
            case "relu" -> x.relu();
            // elu(x) = x for x > 0, eˣ − 1 otherwise = relu(x) + exp(−relu(−x)) − 1, built from ops with backward passes.
            case "elu" -> x.relu().add(x.neg().relu().neg().exp().add(-1));
            default -> throw new IllegalArgumentException("activation '" + name + "' is not supported: use relu or elu");
        };
    }
}

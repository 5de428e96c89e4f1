package newarch.models.reformer;

import java.util.function.UnaryOperator;
import newarch.tensor.Tensor;

/**
 * One reversible residual layer (Gomez et al. 2017): Y₁ = X₁ + f(X₂), Y₂ = X₂ + g(Y₁). Its inputs can be recovered
 * from its outputs — X₂ = Y₂ − g(Y₁), X₁ = Y₁ − f(X₂) — so activations need not be stored for the backward pass.
 * f and g must be deterministic: they are evaluated again during the backward pass.
 */
public record ReversibleStep(UnaryOperator<Tensor> f, UnaryOperator<Tensor> g) {
}

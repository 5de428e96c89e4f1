package newarch.nn;

import java.util.function.UnaryOperator;
import newarch.tensor.Tensor;

/**
 * A residual connection around a sublayer, in either order the literature uses:
 * post-norm {@code norm(x + dropout(f(x)))} (the original Transformer) or
 * pre-norm {@code x + dropout(f(norm(x)))} (GPT-2 and most deep stacks: it keeps an identity path from input to output).
 */
public final class Residual {
    private Residual() {
    }

    public static Tensor apply(boolean normFirst, LayerNorm norm, Dropout dropout, Tensor x, UnaryOperator<Tensor> f) {
        if (normFirst) {
            return x.add(dropout.forward(f.apply(norm.forward(x))));
        }
        return norm.forward(x.add(dropout.forward(f.apply(x))));
    }
}

package newarch.models.vit;

import java.util.List;
import newarch.tensor.Elementwise;
import newarch.tensor.Tensor;

/** Hugging Face's activation names ({@code ACT2FN}) that ViT checkpoints use, mapped to our differentiable ops. */
public final class Activations {
    /** The names {@link #apply} accepts. */
    public static final List<String> NAMES = List.of("gelu", "gelu_python", "gelu_new", "gelu_pytorch_tanh",
            "gelu_fast", "gelu_accurate", "quick_gelu", "relu", "silu", "swish", "tanh", "sigmoid", "linear");

    private Activations() {
    }

    static void require(String what, String name) {
        if (!NAMES.contains(name)) {
            throw new IllegalArgumentException(what + " '" + name + "' is not supported: use one of " + NAMES);
        }
    }

    public static Tensor apply(String name, Tensor x) {
        require("activation", name);
        return switch (name) {
            case "gelu", "gelu_python" -> Elementwise.gelu(x);
            // The three tanh approximations of GELU are one formula: ½x(1 + tanh(√(2/π)(x + 0.044715x³))).
            case "gelu_new", "gelu_pytorch_tanh", "gelu_fast", "gelu_accurate" -> Elementwise.geluTanh(x);
            case "quick_gelu" -> x.mul(x.mul(1.702).sigmoid());   // x·σ(1.702x), CLIP's cheap GELU
            case "silu", "swish" -> x.mul(x.sigmoid());           // x·σ(x)
            case "relu" -> x.relu();
            case "tanh" -> x.tanh();
            case "sigmoid" -> x.sigmoid();
            default -> x;                                          // "linear": the identity
        };
    }
}

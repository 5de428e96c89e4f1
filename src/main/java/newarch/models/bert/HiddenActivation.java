package newarch.models.bert;

import newarch.tensor.Elementwise;
import newarch.tensor.Tensor;

/**
 * The activation a Hugging Face encoder config names ({@code hidden_act}, DistilBERT's {@code activation}), checked
 * when the model is built so that an unsupported name fails before any weights load. The names are those of
 * Hugging Face's ACT2FN table that these models use.
 */
public final class HiddenActivation {
    private static final String SUPPORTED = "gelu, gelu_new, gelu_pytorch_tanh, gelu_fast, relu, tanh, sigmoid, "
            + "silu, swish, quick_gelu, linear";

    private final String name;

    /** @param key the config key the name came from, for the message ("hidden_act", "activation") */
    public HiddenActivation(String name, String key) {
        if (!isSupported(name)) {
            throw new IllegalArgumentException(key + " '" + name + "' is not supported: use one of " + SUPPORTED);
        }
        this.name = name;
    }

    public static boolean isSupported(String name) {
        return name != null && switch (name) {
            case "gelu", "gelu_new", "gelu_pytorch_tanh", "gelu_fast", "relu", "tanh", "sigmoid", "silu", "swish",
                 "quick_gelu", "linear" -> true;
            default -> false;
        };
    }

    public String name() {
        return name;
    }

    public Tensor apply(Tensor x) {
        return switch (name) {
            // gelu_fast is the same tanh approximation as gelu_new, written with the constant pre-multiplied.
            case "gelu_new", "gelu_pytorch_tanh", "gelu_fast" -> Elementwise.geluTanh(x);
            case "silu", "swish" -> x.mul(x.sigmoid());
            // x·σ(1.702x): OpenAI's CLIP approximation of GELU
            case "quick_gelu" -> x.mul(x.mul(1.702).sigmoid());
            case "linear" -> x;
            default -> Elementwise.activation(name, x);
        };
    }
}

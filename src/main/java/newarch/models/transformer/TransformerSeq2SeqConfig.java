package newarch.models.transformer;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A complete encoder–decoder Transformer for translation-like tasks: the core {@link TransformerConfig} plus what
 * surrounds it — how many positions the sinusoidal table covers and whether the output generator shares its weight
 * matrix with the target embedding (§3.4 of the paper: "we share the same weight matrix between the two embedding
 * layers and the pre-softmax linear transformation").
 *
 * @param maxPositions  rows of the positional table; a model accepts sources and targets up to this length
 * @param tiedGenerator logits = decoder output · target embeddingᵀ + bias, instead of a separate Linear
 */
public record TransformerSeq2SeqConfig(TransformerConfig transformer, int maxPositions, boolean tiedGenerator) {
    private static final Map<String, TransformerSeq2SeqConfig> NAMED = new LinkedHashMap<>();

    static {
        // The paper's base model (Table 3): d_model 512, 8 heads, d_ff 2048, 6 + 6 layers, dropout 0.1.
        NAMED.put("transformer-base", new TransformerSeq2SeqConfig(TransformerConfig.base(), 1024, true));
        // Small enough for a CPU: learns the synthetic tasks in minutes. No dropout: the tasks have endless fresh
        // examples, so there is nothing to overfit and dropout would only slow learning down.
        NAMED.put("transformer-tiny", new TransformerSeq2SeqConfig(
                new TransformerConfig(64, 4, 128, 0.0, "relu", 1e-5, false, true, 2, 2), 256, true));
        NAMED.put("transformer-small", new TransformerSeq2SeqConfig(
                new TransformerConfig(128, 4, 512, 0.1, "relu", 1e-5, false, true, 3, 3), 512, true));
    }

    public TransformerSeq2SeqConfig {
        if (maxPositions < 1) {
            throw new IllegalArgumentException("max positions is " + maxPositions + " but must be positive");
        }
    }

    public static List<String> names() {
        return List.copyOf(NAMED.keySet());
    }

    public static TransformerSeq2SeqConfig named(String name) {
        TransformerSeq2SeqConfig c = NAMED.get(name);
        if (c == null) {
            throw new IllegalArgumentException("unknown Transformer configuration '" + name + "' (known: "
                    + String.join(", ", names()) + ")");
        }
        return c;
    }

    /** The same model with a positional table of at least {@code positions} rows. */
    public TransformerSeq2SeqConfig withPositions(int positions) {
        return new TransformerSeq2SeqConfig(transformer, Math.max(maxPositions, positions), tiedGenerator);
    }

    public int dModel() {
        return transformer.dModel();
    }
}

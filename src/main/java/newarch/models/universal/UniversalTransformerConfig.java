package newarch.models.universal;

import java.util.List;
import newarch.models.transformer.TransformerConfig;

/**
 * The hyper-parameters of a Universal Transformer (Dehghani et al. 2019): one shared encoder layer and one shared
 * decoder layer applied over depth, either with adaptive computation time or for a fixed number of steps.
 *
 * @param sourceVocabSize ids of the source, reserved ids of {@link newarch.data.Vocabulary} included
 * @param targetVocabSize ids of the target and classes of the generator
 * @param normFirst       pre-norm sublayers (tensor2tensor's default for the UT) instead of the original post-norm
 * @param maxLength       rows of the position table: the longest source or target accepted
 * @param adaptive        per-position adaptive computation time (ACT); {@code false} gives the fixed-depth UT
 * @param maxSteps        with ACT the bound M on the updates of a position (halting is forced there, as in
 *                        Graves 2016); without ACT the exact number of recurrent steps T
 * @param haltingEpsilon  ε of ACT: a position halts once its accumulated halting probability exceeds 1 − ε
 * @param ponderWeight    τ, the weight of the ponder cost mean(N + R) added to the loss
 */
public record UniversalTransformerConfig(int sourceVocabSize, int targetVocabSize, int dModel, int nhead,
                                         int dimFeedforward, double dropout, String activation, boolean normFirst,
                                         double layerNormEps, int maxLength, boolean adaptive, int maxSteps,
                                         double haltingEpsilon, double ponderWeight) {
    /** The names accepted by {@link #named}. */
    public static final List<String> NAMES = List.of("ut-tiny", "ut-small", "ut-small-fixed");

    public UniversalTransformerConfig {
        if (sourceVocabSize <= 0 || targetVocabSize <= 0) {
            throw new IllegalArgumentException("vocabulary sizes must be positive, got source " + sourceVocabSize
                    + " and target " + targetVocabSize);
        }
        if (dModel <= 0 || nhead <= 0 || dModel % nhead != 0) {
            throw new IllegalArgumentException("d_model " + dModel + " must be a positive multiple of nhead " + nhead);
        }
        if (dimFeedforward <= 0) {
            throw new IllegalArgumentException("dim_feedforward is " + dimFeedforward + " but must be positive");
        }
        if (maxLength <= 0) {
            throw new IllegalArgumentException("maxLength is " + maxLength + " but must be positive");
        }
        if (maxSteps <= 0) {
            throw new IllegalArgumentException("maxSteps is " + maxSteps + " but the recurrence needs at least one step");
        }
        if (!(haltingEpsilon > 0 && haltingEpsilon < 1)) {
            throw new IllegalArgumentException("haltingEpsilon is " + haltingEpsilon
                    + " but must be in (0, 1): the halting threshold is 1 − ε");
        }
        if (!(ponderWeight >= 0) || Double.isInfinite(ponderWeight)) {
            throw new IllegalArgumentException("ponderWeight τ is " + ponderWeight + " but must be finite and ≥ 0");
        }
    }

    /**
     * A model small enough for gradient checks and unit tests: width 8, 2 heads, at most 4 steps with ACT.
     * The halting threshold and ponder weight are tensor2tensor's defaults (ε = 0.01, τ = 0.01).
     */
    public static UniversalTransformerConfig tiny(int sourceVocabSize, int targetVocabSize) {
        return new UniversalTransformerConfig(sourceVocabSize, targetVocabSize, 8, 2, 16, 0.0, "relu", true, 1e-5,
                64, true, 4, 0.01, 0.01);
    }

    /** A CPU-sized model for the algorithmic tasks (copy, reverse, addition): width 64, 4 heads, ACT up to 8 steps. */
    public static UniversalTransformerConfig small(int sourceVocabSize, int targetVocabSize) {
        return new UniversalTransformerConfig(sourceVocabSize, targetVocabSize, 64, 4, 256, 0.1, "relu", true, 1e-5,
                128, true, 8, 0.01, 0.01);
    }

    /** {@link #small} without ACT: the shared layers are applied exactly 6 times, as deep as Transformer-base. */
    public static UniversalTransformerConfig smallFixed(int sourceVocabSize, int targetVocabSize) {
        return small(sourceVocabSize, targetVocabSize).withFixedDepth(6);
    }

    /** One of {@link #NAMES} for the given vocabularies. */
    public static UniversalTransformerConfig named(String name, int sourceVocabSize, int targetVocabSize) {
        return switch (name) {
            case "ut-tiny" -> tiny(sourceVocabSize, targetVocabSize);
            case "ut-small" -> small(sourceVocabSize, targetVocabSize);
            case "ut-small-fixed" -> smallFixed(sourceVocabSize, targetVocabSize);
            default -> throw new IllegalArgumentException("unknown Universal Transformer configuration '" + name
                    + "'; known: " + String.join(", ", NAMES));
        };
    }

    /** The same model without ACT, recurring exactly {@code steps} times. */
    public UniversalTransformerConfig withFixedDepth(int steps) {
        return new UniversalTransformerConfig(sourceVocabSize, targetVocabSize, dModel, nhead, dimFeedforward, dropout,
                activation, normFirst, layerNormEps, maxLength, false, steps, haltingEpsilon, ponderWeight);
    }

    /** The same model with ACT bounded by {@code maxSteps} updates per position. */
    public UniversalTransformerConfig withAdaptiveComputation(int maxSteps, double haltingEpsilon, double ponderWeight) {
        return new UniversalTransformerConfig(sourceVocabSize, targetVocabSize, dModel, nhead, dimFeedforward, dropout,
                activation, normFirst, layerNormEps, maxLength, true, maxSteps, haltingEpsilon, ponderWeight);
    }

    /** The same model with another dropout probability (0 for deterministic tests). */
    public UniversalTransformerConfig withDropout(double p) {
        return new UniversalTransformerConfig(sourceVocabSize, targetVocabSize, dModel, nhead, dimFeedforward, p,
                activation, normFirst, layerNormEps, maxLength, adaptive, maxSteps, haltingEpsilon, ponderWeight);
    }

    /** The settings of the one shared layer, in the Transformer's own terms (one layer each side: it is reused). */
    TransformerConfig layerConfig() {
        return new TransformerConfig(dModel, nhead, dimFeedforward, dropout, activation, layerNormEps, normFirst, true,
                1, 1);
    }
}

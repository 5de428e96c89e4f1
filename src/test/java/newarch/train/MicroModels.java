package newarch.train;

import newarch.models.transformer.TransformerConfig;
import newarch.models.transformer.TransformerSeq2Seq;
import newarch.models.transformer.TransformerSeq2SeqConfig;

/** A Transformer small enough for tests, registered once as {@value #NAME}; with dropout, so the RNG matters. */
public final class MicroModels {
    public static final String NAME = "test-micro-transformer";

    private MicroModels() {
    }

    public static TransformerSeq2SeqConfig config() {
        return new TransformerSeq2SeqConfig(new TransformerConfig(16, 2, 32, 0.1, "relu", 1e-5, false, true, 1, 1), 32,
                true);
    }

    public static synchronized String register() {
        if (!TrainableModels.names().contains(NAME)) {
            TrainableModels.register(NAME, "a 16-wide Transformer for tests",
                    new TrainingDefaults(3e-3, 5, 0.1, 1.0, 8),
                    (spec, rng) -> new TransformerSeq2Seq(config(), spec.sourceVocabulary(), spec.targetVocabulary(), rng));
        }
        return NAME;
    }
}

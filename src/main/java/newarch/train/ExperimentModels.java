package newarch.train;

import newarch.models.cnn.SmallCnn;
import newarch.models.cnn.SmallCnnConfig;
import newarch.models.gpt.GptConfig;
import newarch.models.mixer.MixerConfig;
import newarch.models.mixer.MixerModel;
import newarch.models.gpt.GptLanguageModel;
import newarch.models.rnn.RnnSeq2Seq;
import newarch.models.rnn.RnnSeq2SeqConfig;
import newarch.models.sandwich.SandwichConfig;
import newarch.models.sandwich.SandwichTransformer;
import newarch.models.sandwich.SublayerOrder;
import newarch.models.shuffle.ShuffleExchangeConfig;
import newarch.models.shuffle.ShuffleExchangeNetwork;
import newarch.models.universal.UniversalTransformer;
import newarch.models.universal.UniversalTransformerConfig;
import newarch.models.vit.ViTClassifier;
import newarch.models.vit.ViTConfig;

/**
 * The CPU-sized models of the results in {@code docs/results.md}, registered in {@link TrainableModels}:
 * <ul>
 *   <li>{@code rnn-small}, {@code rnn-attention-small}: GRU encoder–decoder (embedding 32, hidden 64, one layer,
 *       unidirectional encoder) without and with Bahdanau attention — the same network apart from attention, so a
 *       comparison isolates it;</li>
 *   <li>{@code ut-small} (ACT, at most 8 steps) and {@code ut-small-fixed} (exactly 6 steps): Universal Transformer,
 *       width 64, 4 heads;</li>
 *   <li>{@code gpt-tiny}: a GPT-2-style decoder, width 64, 2 layers, 4 heads;</li>
 *   <li>{@code sandwich-nN-kK} for 1 ≤ N ≤ 3, 0 ≤ K ≤ N: the sandwich LM sᴷ(sf)ᴺ⁻ᴷfᴷ, width 32, 4 heads, d_ff 128 (CPU scale),
 *       pre-norm. Note K = N − 1 and K = N are the same order (sᴺfᴺ), as in the paper's definition.</li>
 *   <li>{@code nse-small}, {@code rse-small}: Neural and Residual Shuffle-Exchange sequence taggers, m 32, 2 Beneš
 *     blocks, trained per position ({@link TaggingObjective}) on e.g. {@code binary-addition}; {@code rse-tiny} the
 *     same RSE with 1 Beneš block, and {@code rse-tiny-edge} that with its own units for the first layer of each
 *     half.</li>
 *   <li>{@code vit-tiny}, {@code mixer-tiny}, {@code cnn-small}: image classifiers for 28×28 grey digits (task
 *     {@code digits}) — ViT with 7×7 patches of 4×4, width 64, 4 layers, 4 heads; MLP-Mixer on the same patches,
 *     C 64, 4 layers; and a two-stage CNN (8 and 16 maps of 3×3, max pooling) — trained by
 *     {@link ImageClassificationObjective}.</li>
 * </ul>
 * Language models take their context from {@link ModelSpec#languageModelContext()}.
 */
final class ExperimentModels {
    /** The largest n of the registered sandwich orders. */
    static final int MAX_SANDWICH_PAIRS = 3;

    private ExperimentModels() {
    }

    static void registerAll() {
        // A GRU learns these tasks quickly with a higher constant-ish rate; label smoothing only slows it here.
        TrainingDefaults rnn = new TrainingDefaults(3e-3, 100, 0.0, 1.0, 64);
        TrainableModels.register("rnn-small", "GRU encoder-decoder without attention, embedding 32, hidden 64",
                rnn, (spec, rng) -> new RnnSeq2Seq(rnnConfig(spec, false), rng));
        TrainableModels.register("rnn-attention-small", "GRU encoder-decoder with Bahdanau attention, embedding 32,"
                + " hidden 64", rnn, (spec, rng) -> new RnnSeq2Seq(rnnConfig(spec, true), rng));

        TrainingDefaults ut = TrainingDefaults.forTransformer(64);
        TrainableModels.register("ut-small", "Universal Transformer with ACT (at most 8 steps), d_model 64, 4 heads",
                ut, (spec, rng) -> new UniversalTransformer(utConfig(spec, "ut-small"), rng));
        TrainableModels.register("ut-small-fixed", "Universal Transformer with fixed depth 6, d_model 64, 4 heads",
                ut, (spec, rng) -> new UniversalTransformer(utConfig(spec, "ut-small-fixed"), rng));

        // Character LMs: no label smoothing (it would bias the perplexity we report), batches of 32 windows.
        TrainingDefaults lm = new TrainingDefaults(2e-3, 100, 0.0, 1.0, 32);
        TrainableModels.register("gpt-tiny", "GPT-2-style decoder, n_embd 64, 2 layers, 4 heads", lm,
                (spec, rng) -> new GptLanguageModel(GptConfig.of(spec.languageModelVocabulary(),
                        spec.languageModelContext(), 64, 2, 4), rng));
        for (int n = 1; n <= MAX_SANDWICH_PAIRS; n++) {
            for (int k = 0; k <= n; k++) {
                SublayerOrder order = SublayerOrder.sandwich(n, k);
                TrainableModels.register(sandwichName(n, k), "sandwich Transformer LM " + order
                        + ", d_model 32, 4 heads, d_ff 128", lm, (spec, rng) -> new SandwichTransformer(
                        SandwichConfig.of(spec.languageModelVocabulary(), spec.languageModelContext(), 32, 4, 128,
                                order), rng));
            }
        }

        // Shuffle-Exchange taggers: Adam at 1e-3 after a short warm-up; no label smoothing (exact answers).
        TrainingDefaults shuffle = new TrainingDefaults(1e-3, 100, 0.0, 1.0, 32);
        for (String name : ShuffleExchangeConfig.names()) {
            ShuffleExchangeConfig c = ShuffleExchangeConfig.named(name, 1);
            TrainableModels.register(name, c.variant() + " Shuffle-Exchange tagger, m " + c.m() + ", " + c.blocks()
                    + " Beneš blocks" + (c.edgeUnits() ? ", own units for the first layer of each half" : ""), shuffle, (spec, rng) -> new ShuffleExchangeNetwork(
                    ShuffleExchangeConfig.named(name, spec.languageModelVocabulary()), rng));
        }

        registerImageClassifiers();
    }

    /** The image classifiers, with as many classes as the task has ({@link ModelSpec#classes()}). */
    private static void registerImageClassifiers() {
        // Adam at 1e-3 after 100 warm-up steps, no label smoothing (we report the plain test loss), batches of 64.
        TrainingDefaults images = new TrainingDefaults(1e-3, 100, 0.0, 1.0, 64);
        ViTConfig vit = ViTClassifier.tinyConfig();
        TrainableModels.registerImageClassifier("vit-tiny", "ViT image classifier, 7x7 patches of 4x4, hidden 64, "
                + vit.numHiddenLayers() + " layers, " + vit.numAttentionHeads() + " heads", images,
                (spec, rng) -> new ViTClassifier(vit, spec.classes(), rng));
        TrainableModels.registerImageClassifier("mixer-tiny", "MLP-Mixer image classifier, 7x7 patches of 4x4, C 64,"
                + " 4 layers", images, (spec, rng) -> {
                    MixerConfig m = MixerConfig.tiny();
                    return new MixerModel(new MixerConfig(m.imageSize(), m.patchSize(), m.numChannels(),
                            m.hiddenSize(), m.tokensMlpDim(), m.channelsMlpDim(), m.numLayers(), spec.classes(),
                            m.layerNormEps()), rng);
                });
        TrainableModels.registerImageClassifier("cnn-small", "CNN image classifier, 3x3 convolutions of 8 and 16 maps,"
                + " max pooling", images, (spec, rng) -> {
                    SmallCnnConfig c = SmallCnnConfig.small();
                    return new SmallCnn(new SmallCnnConfig(c.imageSize(), c.numChannels(), c.channels1(),
                            c.channels2(), c.kernel(), c.pooling(), spec.classes()), rng);
                });
    }

    /** The registry name of the sandwich model with n attention/feed-forward pairs and coefficient k. */
    static String sandwichName(int n, int k) {
        return "sandwich-n" + n + "-k" + k;
    }

    private static RnnSeq2SeqConfig rnnConfig(ModelSpec spec, boolean attention) {
        return new RnnSeq2SeqConfig(spec.sourceVocabulary(), spec.targetVocabulary(), 32, 64, 1, false, attention,
                0.0);
    }

    private static UniversalTransformerConfig utConfig(ModelSpec spec, String name) {
        UniversalTransformerConfig c = UniversalTransformerConfig.named(name, spec.sourceVocabulary(),
                spec.targetVocabulary());
        int positions = Math.max(c.maxLength(), Math.max(spec.maxSourceLength(), spec.maxTargetLength()));
        return new UniversalTransformerConfig(c.sourceVocabSize(), c.targetVocabSize(), c.dModel(), c.nhead(),
                c.dimFeedforward(), c.dropout(), c.activation(), c.normFirst(), c.layerNormEps(), positions,
                c.adaptive(), c.maxSteps(), c.haltingEpsilon(), c.ponderWeight());
    }
}

package newarch.train;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import newarch.models.ImageClassifier;
import newarch.models.LanguageModel;
import newarch.models.SequenceTagger;
import newarch.models.SequenceToSequence;
import newarch.models.transformer.TransformerSeq2Seq;
import newarch.models.transformer.TransformerSeq2SeqConfig;
import newarch.nn.Module;
import newarch.tensor.Rng;

/**
 * The models {@code train --model NAME} can build, by name. A family adds itself with one line:
 * <pre>
 * register("gru-tiny", "GRU encoder-decoder with attention, 64 wide", (spec, rng) -> new GruSeq2Seq(..., rng));
 * </pre>
 * The factory returns a {@link Module} that implements {@link SequenceToSequence}, {@link LanguageModel},
 * {@link SequenceTagger} or {@link ImageClassifier}, and must
 * draw all its randomness — initialisation and dropout — from the given {@link Rng}: the trainer saves and restores
 * that generator, which is what makes runs reproducible and resumable.
 */
public final class TrainableModels {
    /** Builds a model for the data described by {@code spec}. */
    @FunctionalInterface
    public interface Factory {
        Module create(ModelSpec spec, Rng rng);
    }

    /** A registered model: its factory and the training settings that suit it. */
    public record Entry(String name, String description, TrainingDefaults defaults, Factory factory) {
    }

    private static final Map<String, Entry> MODELS = new LinkedHashMap<>();
    private static final Set<String> IMAGE_CLASSIFIERS = new HashSet<>();

    static {
        for (String name : TransformerSeq2SeqConfig.names()) {
            TransformerSeq2SeqConfig c = TransformerSeq2SeqConfig.named(name);
            register(name, "Transformer encoder-decoder, d_model " + c.dModel() + ", " + c.transformer().nhead()
                            + " heads, d_ff " + c.transformer().dimFeedforward() + ", "
                            + c.transformer().numEncoderLayers() + "+" + c.transformer().numDecoderLayers() + " layers",
                    TrainingDefaults.forTransformer(c.dModel()),
                    (spec, rng) -> new TransformerSeq2Seq(
                            c.withPositions(Math.max(spec.maxSourceLength(), spec.maxTargetLength())),
                            spec.sourceVocabulary(), spec.targetVocabulary(), rng));
        }
        ExperimentModels.registerAll();
    }

    private TrainableModels() {
    }

    /** Registers a model with the {@link TrainingDefaults#standard() standard} training settings. */
    public static void register(String name, String description, Factory factory) {
        register(name, description, TrainingDefaults.standard(), factory);
    }

    public static synchronized void register(String name, String description, TrainingDefaults defaults,
                                             Factory factory) {
        if (MODELS.containsKey(name)) {
            throw new IllegalArgumentException("a model named '" + name + "' is already registered");
        }
        MODELS.put(name, new Entry(name, description, defaults, factory));
    }

    public static synchronized List<String> names() {
        return List.copyOf(MODELS.keySet());
    }

    public static synchronized Entry entry(String name) {
        Entry e = MODELS.get(name);
        if (e == null) {
            throw new IllegalArgumentException("unknown model '" + name + "' (known: " + String.join(", ", names())
                    + ")");
        }
        return e;
    }

    /** Whether the named model is an image classifier (it needs an image task, e.g. {@code digits}). */
    public static synchronized boolean isImageClassifier(String name) {
        entry(name);
        return IMAGE_CLASSIFIERS.contains(name);
    }

    /**
     * Registers an image classifier: its factory gets {@link ModelSpec#forImages} and must return an
     * {@link ImageClassifier}; the trainer pairs it with image tasks only.
     */
    public static synchronized void registerImageClassifier(String name, String description,
                                                            TrainingDefaults defaults, Factory factory) {
        register(name, description, defaults, factory);
        IMAGE_CLASSIFIERS.add(name);
    }

    /** Builds the named model and checks it is something the trainer can train. */
    public static Module create(String name, ModelSpec spec, Rng rng) {
        Module m = entry(name).factory().create(spec, rng);
        if (!(m instanceof SequenceToSequence) && !(m instanceof LanguageModel) && !(m instanceof SequenceTagger)
                && !(m instanceof ImageClassifier)) {
            throw new IllegalStateException("model '" + name + "' is a " + m.getClass().getSimpleName()
                    + ", which is neither a SequenceToSequence, a LanguageModel, a SequenceTagger nor an"
                    + " ImageClassifier");
        }
        return m;
    }
}

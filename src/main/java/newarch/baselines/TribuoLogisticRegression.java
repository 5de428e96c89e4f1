package newarch.baselines;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * The classic text-classification baseline: logistic regression (Tribuo's linear SGD with the log loss and AdaGrad)
 * on sparse count features — our own bag-of-words or n-gram counts ({@code BagOfWords::sparse},
 * {@code NGramFeatures::sparse}), each word or n-gram a Tribuo feature. A neural model is worth its cost only if it
 * beats this on the same split.
 */
public final class TribuoLogisticRegression {
    private static final LabelFactory LABELS = new LabelFactory();
    /** The one feature of a text that has none of the featurizer's (an empty message, a one-word bigram text). */
    public static final String NO_FEATURES = "<no features>";
    /** Tribuo reports progress through java.util.logging on stderr, which notebooks show as errors: warnings only. */
    private static final Logger TRIBUO_LOG = Logger.getLogger("org.tribuo");

    static {
        TRIBUO_LOG.setLevel(Level.WARNING);
    }

    private final Function<List<String>, Map<String, Double>> featurize;
    private final int features;
    private final int epochs;
    private final long seed;

    /**
     * @param featurize tokens → feature name → count, the non-zero entries only
     * @param features  how many features there are (for the report)
     */
    public TribuoLogisticRegression(Function<List<String>, Map<String, Double>> featurize, int features, int epochs,
                                    long seed) {
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs is " + epochs + " but must be at least 1");
        }
        this.featurize = featurize;
        this.features = features;
        this.epochs = epochs;
        this.seed = seed;
    }

    /** A tokenised text and its class. */
    public record LabelledText(List<String> tokens, String label) {
    }

    /**
     * Test-set results: accuracy, and precision/recall/F1 of {@code positive}; {@code probeGuesses} are the classes
     * predicted for the extra, unlabelled probe texts (empty when none were given).
     */
    public record Result(double accuracy, double precision, double recall, double f1, int features, int train,
                         int test, double seconds, List<String> probeGuesses) {
    }

    /**
     * Trains on {@code train} and scores every text of {@code test}. A test text none of whose features the model
     * has seen (Tribuo cannot predict it) gets the most frequent training class, as a model with no evidence would.
     */
    public Result trainAndTest(List<LabelledText> train, List<LabelledText> test, String positive) {
        return trainAndTest(train, test, positive, List.of());
    }

    /** As {@link #trainAndTest(List, List, String)}, and also predicts each text of {@code probe}. */
    public Result trainAndTest(List<LabelledText> train, List<LabelledText> test, String positive,
                               List<List<String>> probe) {
        if (train.isEmpty() || test.isEmpty()) {
            throw new IllegalArgumentException("logistic regression needs training (" + train.size() + ") and test ("
                    + test.size() + ") texts");
        }
        long start = System.nanoTime();
        LinearSGDTrainer trainer = new LinearSGDTrainer(new LogMulticlass(), new AdaGrad(1.0, 0.1), epochs, seed);
        Model<Label> model = trainer.train(dataset("train", train));
        String majority = train.stream().collect(Collectors.groupingBy(LabelledText::label, Collectors.counting()))
                .entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        long right = 0;
        long tp = 0;
        long fp = 0;
        long fn = 0;
        for (LabelledText t : test) {
            String guess = predict(model, t, majority);
            right += guess.equals(t.label()) ? 1 : 0;
            tp += guess.equals(positive) && t.label().equals(positive) ? 1 : 0;
            fp += guess.equals(positive) && !t.label().equals(positive) ? 1 : 0;
            fn += !guess.equals(positive) && t.label().equals(positive) ? 1 : 0;
        }
        double precision = tp + fp == 0 ? 0 : (double) tp / (tp + fp);
        double recall = tp + fn == 0 ? 0 : (double) tp / (tp + fn);
        double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        List<String> probeGuesses = probe.stream()
                .map(tokens -> predict(model, new LabelledText(tokens, majority), majority)).toList();
        return new Result((double) right / test.size(), precision, recall, f1, features, train.size(), test.size(),
                (System.nanoTime() - start) / 1e9, probeGuesses);
    }

    /** The model's class for {@code t}, from the features it has seen; {@code majority} when it has seen none. */
    private String predict(Model<Label> model, LabelledText t, String majority) {
        Map<String, Double> known = new LinkedHashMap<>();
        counts(t).forEach((name, value) -> {
            if (model.getFeatureIDMap().get(name) != null) {
                known.put(name, value);
            }
        });
        return known.isEmpty() ? majority
                : model.predict(new ArrayExample<>(new Label(t.label()), known.keySet().toArray(new String[0]),
                        known.values().stream().mapToDouble(Double::doubleValue).toArray())).getOutput().getLabel();
    }

    private MutableDataset<Label> dataset(String name, List<LabelledText> texts) {
        MutableDataset<Label> d = new MutableDataset<>(new SimpleDataSourceProvenance(name, LABELS), LABELS);
        for (LabelledText t : texts) {
            d.add(example(t));
        }
        return d;
    }

    /** The text's features; Tribuo refuses an example without any, and "nothing here" is information too. */
    private Map<String, Double> counts(LabelledText t) {
        Map<String, Double> counts = featurize.apply(t.tokens());
        return counts.isEmpty() ? Map.of(NO_FEATURES, 1.0) : counts;
    }

    private ArrayExample<Label> example(LabelledText t) {
        Map<String, Double> counts = counts(t);
        return new ArrayExample<>(new Label(t.label()), counts.keySet().toArray(new String[0]),
                counts.values().stream().mapToDouble(Double::doubleValue).toArray());
    }
}

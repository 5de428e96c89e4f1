package newarch.baselines;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.evaluation.LabelEvaluation;
import org.tribuo.classification.evaluation.LabelEvaluator;
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

    /** Test-set results: accuracy, and precision/recall/F1 of {@code positive}. */
    public record Result(double accuracy, double precision, double recall, double f1, int features, int train,
                         int test, double seconds) {
    }

    public Result trainAndTest(List<LabelledText> train, List<LabelledText> test, String positive) {
        long start = System.nanoTime();
        MutableDataset<Label> trainSet = dataset("train", train);
        MutableDataset<Label> testSet = dataset("test", test);
        LinearSGDTrainer trainer = new LinearSGDTrainer(new LogMulticlass(), new AdaGrad(1.0, 0.1), epochs, seed);
        Model<Label> model = trainer.train(trainSet);
        LabelEvaluation e = new LabelEvaluator().evaluate(model, testSet);
        Label p = new Label(positive);
        return new Result(e.accuracy(), e.precision(p), e.recall(p), e.f1(p), features, train.size(),
                test.size(), (System.nanoTime() - start) / 1e9);
    }

    private MutableDataset<Label> dataset(String name, List<LabelledText> texts) {
        MutableDataset<Label> d = new MutableDataset<>(new SimpleDataSourceProvenance(name, LABELS), LABELS);
        for (LabelledText t : texts) {
            d.add(example(t));
        }
        return d;
    }

    private ArrayExample<Label> example(LabelledText t) {
        Map<String, Double> counts = featurize.apply(t.tokens());
        if (counts.isEmpty()) {
            // Tribuo refuses an example without features; "nothing known here" is information the model may use.
            counts = Map.of(NO_FEATURES, 1.0);
        }
        return new ArrayExample<>(new Label(t.label()), counts.keySet().toArray(new String[0]),
                counts.values().stream().mapToDouble(Double::doubleValue).toArray());
    }
}

package newarch.train;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import newarch.data.Example;
import newarch.data.LengthRange;
import newarch.data.SequenceTask;
import newarch.tensor.GradMode;

/**
 * What every objective on a {@link SequenceTask} shares: seeded training batches, a training loss with label
 * smoothing and a plain summed loss for evaluation, and two held-out sets drawn once per run: the training lengths
 * ({@code test.*}) and the longer test lengths ({@code longer.*}). A subclass says how a batch becomes a loss and
 * how one held-out set is scored.
 */
public abstract class SyntheticTaskObjective implements TrainingObjective {
    protected final SequenceTask task;
    protected final long seed;
    protected final CrossEntropy trainingLoss;
    protected final CrossEntropy plainLoss;
    private final int batchSize;
    private final int evalSize;
    private final Map<String, LengthRange> testSets = new LinkedHashMap<>();
    private final Map<String, List<Example>> testExamples = new LinkedHashMap<>();
    private LengthCurriculum curriculum;

    /**
     * @param seed        picks the training batches and the test sets (the model's own seed is separate)
     * @param evalSize    examples per held-out set
     * @param ignoreLabel the target value both losses skip (padding)
     */
    protected SyntheticTaskObjective(SequenceTask task, long seed, int batchSize, double labelSmoothing,
                                     int evalSize, long ignoreLabel) {
        if (batchSize < 1 || evalSize < 1) {
            throw new IllegalArgumentException("batch size " + batchSize + " and eval size " + evalSize
                    + " must be positive");
        }
        this.task = task;
        this.seed = seed;
        this.batchSize = batchSize;
        this.evalSize = evalSize;
        this.trainingLoss = new CrossEntropy(labelSmoothing, ignoreLabel, CrossEntropy.Reduction.MEAN);
        this.plainLoss = new CrossEntropy(0, ignoreLabel, CrossEntropy.Reduction.SUM);
        testSets.put("test", task.trainLengths());
        testSets.put("longer", task.testLengths());
    }

    /** The training examples of {@code step}: a pure function of the seed and the step. */
    protected final List<Example> trainingBatch(long step) {
        return curriculum == null ? task.trainingBatch(seed, step, batchSize)
                : task.trainingBatch(seed, step, batchSize, curriculum.lengthsAt(seed, step));
    }

    /** Draws the training batches' lengths by {@code c} from now on (null: the whole training range per example). */
    public final SyntheticTaskObjective curriculum(LengthCurriculum c) {
        this.curriculum = c;
        return this;
    }

    @Override
    public final Map<String, Double> evaluate() {
        Map<String, Double> metrics = new LinkedHashMap<>();
        try (GradMode ignored = GradMode.off()) {
            testSets.forEach((name, lengths) -> {
                List<Example> set = testExamples.computeIfAbsent(name, n -> task.testSet(seed, lengths, evalSize));
                score(set, lengths).forEach((metric, value) -> metrics.put(name + "." + metric, value));
            });
        }
        return metrics;
    }

    /** Metrics by name ("exact", "loss", ...) of one held-out set of inputs whose lengths lie in {@code lengths}. */
    protected abstract Map<String, Double> score(List<Example> set, LengthRange lengths);

    /** The metrics every task objective reports, in this order. */
    protected static Map<String, Double> metrics(double exact, double tokenAccuracy, double loss) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("exact", exact);
        m.put("token_accuracy", tokenAccuracy);
        m.put("loss", loss);
        return m;
    }

    public final SequenceTask task() {
        return task;
    }
}

package newarch.train.experiments;

import com.google.gson.JsonObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import newarch.data.LengthRange;
import newarch.nn.Module;
import newarch.train.Experiment;
import newarch.train.LengthCurriculum;
import newarch.train.TaggingObjective;
import newarch.train.TrainingConfig;
import newarch.viz.LinePlot;

/**
 * The {@code shuffle-lengthgen} experiment (issue 6): a Residual Shuffle-Exchange tagger trained on short inputs of
 * sorting, binary addition and binary multiplication with one length per batch ({@link LengthCurriculum}), then
 * scored on held-out inputs of each length of a sweep up to 8× the longest training length: exact-sequence and
 * per-position accuracy against length, one plot per metric.
 */
final class ShuffleLengthResult {
    /** Held-out examples per length of the sweep. */
    static final int PER_LENGTH = 200;

    /** One run: its directory name, its settings (equal to the recorded train command) and its length sweep. */
    record Run(String name, TrainingConfig config, int[] sweep) {
    }

    private static final int[] SORT_SWEEP = {1, 2, 4, 8, 12, 16, 24, 32, 48, 64, 96, 128};
    private static final int[] BINARY_SWEEP = {1, 2, 4, 6, 8, 12, 16, 24, 32, 48, 64};
    private static final LengthRange BITS_1_TO_8 = LengthRange.of(1, 8);
    private static final LengthRange BITS_32 = LengthRange.of(32, 32);

    static final List<Run> RUNS = List.of(
            new Run("rse-tiny-sort", config("sort-labelling", "rse-tiny", 8000, 3e-3, 500, null, null), SORT_SWEEP),
            new Run("nse-small-sort", config("sort-labelling", "nse-small", 8000, 3e-3, 500, null, null), SORT_SWEEP),
            new Run("rse-tiny-binary-addition",
                    config("binary-addition", "rse-tiny", 8000, 3e-3, 500, BITS_1_TO_8, BITS_32), BINARY_SWEEP),
            new Run("rse-tiny-binary-multiplication",
                    config("binary-multiplication", "rse-tiny", 8000, 3e-3, 500, BITS_1_TO_8, BITS_32), BINARY_SWEEP));

    private final Results results;

    ShuffleLengthResult(Results results) {
        this.results = results;
    }

    /** Seed 1, batch 32, bucketed lengths, Noam warm-up to {@code lr}, evaluated every 1000 steps. */
    static TrainingConfig config(String task, String model, long steps, double lr, int warmup, LengthRange train,
                                 LengthRange test) {
        return TrainingConfig.defaults(task, model).withSteps(steps).withSeed(1).withBatchSize(32)
                .withLearningRate("noam", lr, warmup).withEvaluation(1000, 500, 1000).withLengths(train, test)
                .withCurriculum(LengthCurriculum.BUCKETS);
    }

    JsonObject json() {
        JsonObject json = Results.header("shuffle-lengthgen",
                "Residual Shuffle-Exchange length generalisation: sorting, binary addition, binary multiplication");
        LinePlot exact = LinePlot.create().title("Exact-sequence accuracy by input length")
                .axisTitles("length (symbols, or bits per operand)", "exact-sequence accuracy").yRange(0, 1)
                .markers(true).logX(true);
        LinePlot token = LinePlot.create().title("Per-position accuracy by input length")
                .axisTitles("length (symbols, or bits per operand)", "per-position accuracy").yRange(0, 1)
                .markers(true).logX(true);
        Map<String, Object> runs = new LinkedHashMap<>();
        for (Run run : RUNS) {
            Map<String, Object> r = results.run(run.config(), run.name());
            Experiment e = results.trained(run.config(), run.name());
            Map<Integer, Map<String, Double>> byLength = sweep(e, run.sweep());
            r.put("train_lengths", e.task().trainLengths().toString());
            r.put("test_lengths", e.task().testLengths().toString());
            r.put("parameters", ((Module) e.model()).parameterCount());
            r.put("per_length_examples", PER_LENGTH);
            r.put("by_length", byLength);
            runs.put(run.name(), r);
            double[] x = byLength.keySet().stream().mapToDouble(Integer::doubleValue).toArray();
            exact.series(run.name(), x, byLength.values().stream().mapToDouble(m -> m.get("exact")).toArray());
            token.series(run.name(), x,
                    byLength.values().stream().mapToDouble(m -> m.get("token_accuracy")).toArray());
        }
        exact.save(results.out().resolve("shuffle-lengthgen-exact.png"));
        token.save(results.out().resolve("shuffle-lengthgen-token.png"));
        json.add("runs", Results.GSON.toJsonTree(runs));
        return json;
    }

    /** Exact and per-position accuracy at each length of the sweep, each on its own held-out set. */
    static Map<Integer, Map<String, Double>> sweep(Experiment e, int[] lengths) {
        TaggingObjective objective = (TaggingObjective) e.objective();
        e.model().eval();
        Map<Integer, Map<String, Double>> out = new LinkedHashMap<>();
        for (int length : lengths) {
            Map<String, Double> m = objective.scoreAt(LengthRange.of(length, length), PER_LENGTH);
            m.remove("loss");
            out.put(length, m);
        }
        return out;
    }
}

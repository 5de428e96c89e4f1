package newarch.train.experiments;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import newarch.data.Batch;
import newarch.data.Example;
import newarch.data.LengthRange;
import newarch.data.SequenceTask;
import newarch.data.Tasks;
import newarch.models.SequenceToSequence;
import newarch.models.universal.UniversalTransformer;
import newarch.tensor.GradMode;
import newarch.train.Experiment;
import newarch.train.PerLengthAccuracy;
import newarch.train.TrainingConfig;
import newarch.viz.Heatmap;
import newarch.viz.LinePlot;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Reproduces the results of {@code docs/results.md}: each experiment trains its runs with fixed seeds (or reuses a
 * finished run of the same name in the runs directory, e.g. one started with the equivalent {@code train} command
 * printed in the JSON), evaluates them, and writes {@code NAME.json} and its PNG plots into the output directory.
 *
 * <pre>
 * experiment NAME [--out docs/results] [--runs runs/results]
 *   transformer-reverse  transformer-tiny on reverse, 1000 steps of 64, seed 1
 *   rnn-attention        rnn-small vs rnn-attention-small on reverse (train 1..10), exact accuracy per length 1..20
 *   sandwich             sandwich-n3-k{0,1,2} on moby-dick-chars-ctx32, seeds 1..3, validation/test perplexity
 *   ut-act               ut-small (ACT) vs ut-small-fixed on copy (train 1..8, test 9..16), ponder-time heatmap
 *   last-word            rse-small vs ut-small vs transformer-tiny on LAMBADA-style last-word prediction (Moby-Dick)
 *   cbow                 word2vec CBOW on Moby-Dick: nearest neighbours, analogies, 2-D projection
 *   spam-baselines       SpamAssassin spam vs ham: Tribuo logistic regression on bag-of-words and bigrams
 *   digits               cnn-small vs mixer-tiny vs vit-tiny on MNIST digits, seed 1; ViT [CLS] attention maps
 *   graph-nodes          graph attention vs an edge-blind MLP, node classification on SBM graphs, seeds 1..5
 *   finetune-spam        a tiny BERT pre-trained on the training mails, fine-tuned for spam vs ham, vs Tribuo
 *   finetune-pos         a tiny BERT pre-trained on Brown, fine-tuned for POS tags, vs baselines; "I saw a saw"
 *   distillation         a 4-layer tiny BERT distilled into a 2-layer DistilBERT student: size, speed, accuracy
 *   shuffle-lengthgen    rse-tiny on sorting, binary addition, binary multiplication: accuracy by length up to 8x
 * </pre>
 */
public final class Results {
    public static final List<String> NAMES = List.of("transformer-reverse", "rnn-attention", "sandwich", "ut-act",
            "last-word", "cbow", "spam-baselines", "digits", "graph-nodes", "finetune-spam",
            "finetune-pos", "distillation", "shuffle-lengthgen");
    static final List<String> LAST_WORD_MODELS = List.of("rse-small", "ut-small", "transformer-tiny");
    static final int SANDWICH_PAIRS = 3;
    static final int RNN_PER_LENGTH = 64;
    static final int[] SANDWICH_K = {0, 1, 2};   // k = 3 is the same order as k = 2 (sss fff)
    static final long[] SANDWICH_SEEDS = {1, 2, 3};
    static final Gson GSON = new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues()
            .create();

    private final Path out;
    private final Path runs;
    private final boolean finishedOnly;

    public Results(Path out, Path runs) {
        this(out, runs, false);
    }

    /**
     * @param finishedOnly summarise only the runs that already finished (for a report under a time limit): a seed of
     *                     the sandwich experiment without a finished run is listed under "missing", not trained
     */
    public Results(Path out, Path runs, boolean finishedOnly) {
        this.out = out;
        this.runs = runs;
        this.finishedOnly = finishedOnly;
    }

    public static void main(String[] args) {
        if (args.length < 1) {
            throw new IllegalArgumentException("usage: Results NAME [OUT [RUNS]] with NAME one of " + NAMES);
        }
        new Results(Path.of(args.length > 1 ? args[1] : "docs/results"),
                Path.of(args.length > 2 ? args[2] : "runs/results")).run(args[0]);
    }

    /** Runs one experiment by name (or {@code all}) and returns the JSON it wrote. */
    public List<JsonObject> run(String name) {
        List<JsonObject> written = new ArrayList<>();
        for (String n : name.equals("all") ? NAMES : List.of(name)) {
            JsonObject json = switch (n) {
                case "transformer-reverse" -> transformerReverse();
                case "rnn-attention" -> rnnAttention();
                case "sandwich" -> sandwich();
                case "ut-act" -> universalAct();
                case "last-word" -> LastWordResult.of(this).json();
                case "cbow" -> CbowResult.of(this).json();
                case "spam-baselines" -> SpamBaselineResult.json();
                case "digits" -> new DigitsExperiment(this).run();
                case "graph-nodes" -> new GraphNodesExperiment(this).run();
                case "finetune-spam" -> new FineTuneSpamResult(this).json();
                case "finetune-pos" -> new FineTunePosResult(this).json();
                case "distillation" -> new DistillationResult(this).json();
                case "shuffle-lengthgen" -> new ShuffleLengthResult(this).json();
                default -> throw new IllegalArgumentException("unknown experiment '" + n + "' (known: "
                        + String.join(", ", NAMES) + ", all)");
            };
            write(n + ".json", json);
            written.add(json);
        }
        return written;
    }

    // ---- the runs, as configurations equal to the train commands recorded with them -------------------------

    static TrainingConfig transformerConfig() {
        return TrainingConfig.defaults("reverse", "transformer-tiny").withSteps(1000).withSeed(1)
                .withLearningRate("noam", 1e-3, 100).withEvaluation(100, 500, 500);
    }

    static TrainingConfig rnnConfig(String model) {
        return TrainingConfig.defaults("reverse", model).withSteps(400).withSeed(1).withEvaluation(0, 200, 0);
    }

    static TrainingConfig sandwichConfig(int k, long seed) {
        return TrainingConfig.defaults("moby-dick-chars-ctx32", "sandwich-n" + SANDWICH_PAIRS + "-k" + k)
                .withSteps(200).withBatchSize(16).withSeed(seed).withEvaluation(0, 64, 0);
    }

    static TrainingConfig utConfig(String model) {
        return TrainingConfig.defaults("copy", model).withLengths(LengthRange.of(1, 8), LengthRange.of(9, 16))
                .withSteps(400).withBatchSize(32).withSeed(1).withEvaluation(0, 200, 0);
    }

    static TrainingConfig lastWordConfig(String model) {
        return TrainingConfig.defaults(Tasks.LAST_WORD, model).withSteps(1500).withBatchSize(32).withSeed(1)
                .withEvaluation(0, 500, 0);
    }

    /** The {@code train} command line that gives the same run. */
    static String command(TrainingConfig c, String dir) {
        StringBuilder s = new StringBuilder("newarch train --task " + c.task() + " --model " + c.model() + " --steps "
                + c.steps() + " --batch " + c.batchSize() + " --lr " + c.learningRate() + " --warmup " + c.warmup()
                + " --seed " + c.seed() + " --eval-every " + c.evalEvery() + " --eval-size " + c.evalSize());
        if (c.trainLengths() != null) {
            s.append(" --train-lengths ").append(c.trainLengths()).append(" --test-lengths ").append(c.testLengths());
        }
        if (!c.curriculum().equals(newarch.train.LengthCurriculum.NONE)) {
            s.append(" --curriculum ").append(c.curriculum());
        }
        return s.append(" --threads 1 --out ").append(dir).toString();
    }

    /** A finished run from its directory (resumed to its last step if it stopped early), or a new one. */
    Experiment trained(TrainingConfig config, String dir) {
        Path d = runs.resolve(dir);
        Experiment e = Files.exists(d.resolve("config.json")) ? Experiment.resume(d, null, null)
                : Experiment.create(config, d, System.err);
        if (!e.config().equals(config)) {
            throw new IllegalStateException(d + " holds a run with other settings: " + e.config() + " (want "
                    + config + ")");
        }
        if (e.trainer().history().lastStep() < config.steps() || !Files.exists(d.resolve("metrics.json"))) {
            e.run();
        }
        return e;
    }

    /** The final metrics a run wrote, training it first if needed. */
    JsonObject finalMetrics(TrainingConfig config, String dir) {
        Path metrics = runs.resolve(dir).resolve("metrics.json");
        if (!Files.exists(metrics)) {
            trained(config, dir);
        }
        try {
            return JsonParser.parseString(Files.readString(metrics, StandardCharsets.UTF_8)).getAsJsonObject()
                    .getAsJsonObject("final");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + metrics, e);
        }
    }

    // ---- the experiments ------------------------------------------------------------------------------------

    JsonObject transformerReverse() {
        TrainingConfig c = transformerConfig();
        JsonObject json = header("transformer-reverse", "transformer-tiny reaches >= 99% exact on reverse");
        Map<String, Object> r = run(c, "transformer-tiny-reverse");
        Experiment e = trained(c, "transformer-tiny-reverse");
        // Every training length on its own: the overall figure must not hide a weak longest length.
        r.put("exact_by_length", PerLengthAccuracy.exactByLength((SequenceToSequence) e.model(), e.task(), c.seed(),
                LengthRange.of(1, 20), RNN_PER_LENGTH));
        json.add("runs", GSON.toJsonTree(Map.of("transformer-tiny", r)));
        return json;
    }

    JsonObject rnnAttention() {
        JsonObject json = header("rnn-attention", "GRU seq2seq with vs without Bahdanau attention on reverse");
        LengthRange sweep = LengthRange.of(1, 20);
        LinePlot plot = LinePlot.create().title("reverse: exact-sequence accuracy by length (trained on 1..10)")
                .axisTitles("sequence length", "exact-sequence accuracy").yRange(0, 1).markers(true);
        Map<String, Object> runsJson = new LinkedHashMap<>();
        for (String model : List.of("rnn-small", "rnn-attention-small")) {
            TrainingConfig c = rnnConfig(model);
            Map<String, Object> r = run(c, model + "-reverse");
            Experiment e = trained(c, model + "-reverse");
            Map<Integer, Double> byLength = PerLengthAccuracy.exactByLength((SequenceToSequence) e.model(), e.task(),
                    c.seed(), sweep, RNN_PER_LENGTH);
            r.put("exact_by_length", byLength);
            runsJson.put(model, r);
            plot.series(model, byLength.keySet().stream().mapToDouble(Integer::doubleValue).toArray(),
                    byLength.values().stream().mapToDouble(Double::doubleValue).toArray());
        }
        plot.save(out.resolve("rnn-attention-by-length.png"));
        json.add("runs", GSON.toJsonTree(runsJson));
        json.addProperty("per_length_examples", RNN_PER_LENGTH);
        return json;
    }

    JsonObject sandwich() {
        JsonObject json = header("sandwich", "sandwich orders s^k (sf)^(n-k) f^k, n = 3, on Moby-Dick characters");
        Map<String, Object> runsJson = new LinkedHashMap<>();
        Map<String, Object> summary = new LinkedHashMap<>();
        LinePlot plot = LinePlot.create().title("sandwich n = 3 on moby-dick-chars-ctx32: validation perplexity")
                .axisTitles("k (sandwich coefficient)", "validation perplexity").markers(true);
        double[] ks = new double[SANDWICH_K.length];
        double[][] validBySeed = new double[SANDWICH_SEEDS.length][SANDWICH_K.length];
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < SANDWICH_K.length; i++) {
            int k = SANDWICH_K[i];
            ks[i] = k;
            List<Double> valid = new ArrayList<>();
            List<Double> test = new ArrayList<>();
            List<Double> wall = new ArrayList<>();
            for (int s = 0; s < SANDWICH_SEEDS.length; s++) {
                TrainingConfig c = sandwichConfig(k, SANDWICH_SEEDS[s]);
                String dir = "sandwich-n" + SANDWICH_PAIRS + "-k" + k + "-seed" + SANDWICH_SEEDS[s];
                validBySeed[s][i] = Double.NaN;
                if (finishedOnly && !Files.exists(runs.resolve(dir).resolve("metrics.json"))) {
                    missing.add(dir);
                    continue;
                }
                Map<String, Object> r = run(c, dir);
                runsJson.put(dir, r);
                JsonObject m = finalMetrics(c, dir);
                valid.add(m.get("valid.perplexity").getAsDouble());
                test.add(m.get("test.perplexity").getAsDouble());
                wall.add(m.get("wall_seconds").getAsDouble());
                validBySeed[s][i] = m.get("valid.perplexity").getAsDouble();
            }
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("order", newarch.models.sandwich.SublayerOrder.sandwich(SANDWICH_PAIRS, k).toString());
            row.put("seeds", valid.size());
            row.put("valid_perplexity_mean", mean(valid));
            row.put("valid_perplexity_std", std(valid));
            row.put("test_perplexity_mean", mean(test));
            row.put("test_perplexity_std", std(test));
            row.put("wall_seconds_mean", mean(wall));
            summary.put("k" + k, row);
        }
        for (int s = 0; s < SANDWICH_SEEDS.length; s++) {
            List<double[]> points = new ArrayList<>();
            for (int i = 0; i < ks.length; i++) {
                if (!Double.isNaN(validBySeed[s][i])) {
                    points.add(new double[] {ks[i], validBySeed[s][i]});
                }
            }
            if (!points.isEmpty()) {
                plot.series("seed " + SANDWICH_SEEDS[s], points.stream().mapToDouble(p -> p[0]).toArray(),
                        points.stream().mapToDouble(p -> p[1]).toArray());
            }
        }
        json.add("missing", GSON.toJsonTree(missing));
        plot.save(out.resolve("sandwich-perplexity.png"));
        json.add("summary", GSON.toJsonTree(summary));
        json.add("runs", GSON.toJsonTree(runsJson));
        json.addProperty("std", "sample standard deviation over the 3 seeds (n - 1 in the denominator)");
        return json;
    }

    JsonObject universalAct() {
        JsonObject json = header("ut-act", "Universal Transformer with ACT vs fixed depth on copy");
        Map<String, Object> runsJson = new LinkedHashMap<>();
        LengthRange sweep = LengthRange.of(1, 16);
        LinePlot plot = LinePlot.create().title("copy: exact-sequence accuracy by length (trained on 1..8)")
                .axisTitles("sequence length", "exact-sequence accuracy").yRange(0, 1).markers(true);
        for (String model : List.of("ut-small", "ut-small-fixed")) {
            TrainingConfig c = utConfig(model);
            Map<String, Object> r = run(c, model + "-copy");
            Experiment e = trained(c, model + "-copy");
            UniversalTransformer ut = (UniversalTransformer) e.model();
            Map<Integer, Double> byLength = PerLengthAccuracy.exactByLength(ut, e.task(), c.seed(), sweep, 50);
            r.put("exact_by_length", byLength);
            plot.series(model, byLength.keySet().stream().mapToDouble(Integer::doubleValue).toArray(),
                    byLength.values().stream().mapToDouble(Double::doubleValue).toArray());
            if (ut.config().adaptive()) {
                r.put("ponder_heatmap", ponderHeatmap(ut, e.task(), c.seed()));
            }
            runsJson.put(model, r);
        }
        plot.save(out.resolve("ut-act-by-length.png"));
        json.add("runs", GSON.toJsonTree(runsJson));
        json.addProperty("per_length_examples", 50);
        return json;
    }

    /** Encoder ponder times ρ = N + R per source token for four held-out inputs (lengths 4, 8, 12, 16). */
    private Map<String, Object> ponderHeatmap(UniversalTransformer ut, SequenceTask task, long seed) {
        List<Example> examples = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (int length : new int[] {4, 8, 12, 16}) {
            Example e = task.testSet(seed, LengthRange.of(length, length), 1).get(0);
            examples.add(e);
            labels.add(task.render(e.source()));
        }
        ut.eval();
        INDArray ponder;
        try (GradMode ignored = GradMode.off()) {
            ut.encode(Batch.of(examples).source());
            ponder = ut.lastEncoderPonderTimes().dup();    // [4, srcLen], 0 at padding
        }
        List<String> columns = new ArrayList<>();
        for (int j = 0; j < ponder.size(1); j++) {
            columns.add(Integer.toString(j + 1));
        }
        Heatmap.of(ponder).title("ut-small encoder ponder time per token (copy, trained on lengths 1..8)")
                .axisTitles("input", "source position").rowLabels(labels).columnLabels(columns).showValues(true)
                .valueFormat("0.0").save(out.resolve("ut-act-ponder.png"));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("inputs", labels);
        m.put("ponder_times", ponder.toDoubleMatrix());
        return m;
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    Map<String, Object> run(TrainingConfig c, String dir) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("command", command(c, runs.resolve(dir).toString()));
        r.put("final", finalMetrics(c, dir));
        return r;
    }

    static JsonObject header(String name, String title) {
        JsonObject json = new JsonObject();
        json.addProperty("experiment", name);
        json.addProperty("title", title);
        return json;
    }

    /** Where the JSON and the plots go. */
    Path out() {
        return out;
    }

    private void write(String file, JsonObject json) {
        try {
            Files.createDirectories(out);
            Files.writeString(out.resolve(file), GSON.toJson(json) + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + out.resolve(file), e);
        }
    }

    static double mean(List<Double> x) {
        return x.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    /** Sample standard deviation (n − 1); NaN for fewer than two values. */
    static double std(List<Double> x) {
        if (x.size() < 2) {
            return Double.NaN;
        }
        double m = mean(x);
        double s = 0;
        for (double v : x) {
            s += (v - m) * (v - m);
        }
        return Math.sqrt(s / (x.size() - 1));
    }
}

package newarch.train;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import newarch.data.LanguageModelCorpus;
import newarch.data.SequenceTask;
import newarch.data.Tasks;
import newarch.models.ImageClassifier;
import newarch.models.LanguageModel;
import newarch.models.SequenceTagger;
import newarch.models.SequenceToSequence;
import newarch.nn.Module;
import newarch.tensor.Rng;

/**
 * A training run assembled from names, as {@code train --task T --model M} does it: the task, the model from
 * {@link TrainableModels}, the objective that fits the model's kind, Adam with the paper's β₂ = 0.98 and ε = 1e-9
 * under the configured schedule, and a {@link Trainer} that checkpoints into {@code OUT/checkpoint}. The run's
 * directory holds {@code config.json}, the checkpoint, and the report ({@link TrainingReport}).
 */
public final class Experiment {
    static final String CONFIG = "config.json";
    static final String CHECKPOINT = "checkpoint";
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().create();

    private final TrainingConfig config;
    private final Path out;
    private final SequenceTask task;
    private final Module model;
    private final TrainingObjective objective;
    private final Trainer trainer;

    private Experiment(TrainingConfig config, Path out, PrintStream progress) {
        this.config = config;
        this.out = out;
        Rng rng = new Rng(config.seed());
        checkPairing(config);
        Setup setup = ImageTasks.isImageTask(config.task()) ? imageSetup(config, rng)
                : CorpusTasks.isCorpusTask(config.task()) ? corpusSetup(config, rng) : taskSetup(config, rng);
        this.task = setup.task();
        this.model = setup.model();
        this.objective = setup.objective();
        Optimizer adam = new Adam(model.parameters(), config.learningRateSchedule(), 0.9, 0.98, 1e-9, 0, false);
        this.trainer = new Trainer(model, rng, objective, adam, new Trainer.Options(config.steps(), config.clipNorm(),
                config.evalEvery(), config.checkpointEvery(), out == null ? null : out.resolve(CHECKPOINT), progress));
    }

    /** What a task name resolves to: the synthetic task (null for a corpus task), the model and its objective. */
    private record Setup(SequenceTask task, Module model, TrainingObjective objective) {
    }

    /** A synthetic task: an encoder-decoder, a per-position tagger or a language model on the task's sequences. */
    private static Setup taskSetup(TrainingConfig config, Rng rng) {
        SequenceTask task = Tasks.create(config.task(), config.trainLengths(), config.testLengths());
        Module model = TrainableModels.create(config.model(), ModelSpec.forTask(task), rng);
        SyntheticTaskObjective objective;
        if (model instanceof SequenceToSequence s2s) {
            objective = new SequenceToSequenceObjective(s2s, task, config.seed(), config.batchSize(),
                    config.labelSmoothing(), config.evalSize());
        } else if (model instanceof SequenceTagger tagger) {
            objective = new TaggingObjective(tagger, task, config.seed(), config.batchSize(), config.labelSmoothing(),
                    config.evalSize());
        } else {
            objective = new LanguageModelObjective((LanguageModel) model, task, config.seed(), config.batchSize(),
                    config.labelSmoothing(), config.evalSize());
        }
        if (!config.curriculum().equals(LengthCurriculum.NONE)) {
            objective.curriculum(new LengthCurriculum(config.curriculum(), task.trainLengths(), config.steps()));
        }
        return new Setup(task, model, objective);
    }

    /**
     * Image classifiers train on image tasks only, and image tasks need an image classifier: a wrong pairing is a
     * one-line error before any data is loaded or model built.
     */
    static void checkPairing(TrainingConfig config) {
        boolean imageTask = ImageTasks.isImageTask(config.task());
        boolean imageModel = TrainableModels.isImageClassifier(config.model());
        if (imageTask && !imageModel) {
            throw new IllegalArgumentException("task '" + config.task() + "' needs an image classifier ("
                    + String.join(", ", imageClassifiers()) + "), but '" + config.model() + "' is not one");
        }
        if (!imageTask && imageModel) {
            throw new IllegalArgumentException("model '" + config.model() + "' is an image classifier: train it on an"
                    + " image task (" + String.join(", ", ImageTasks.names()) + "), not on '" + config.task() + "'");
        }
        boolean synthetic = !imageTask && !CorpusTasks.isCorpusTask(config.task());
        if (!synthetic && !config.curriculum().equals(LengthCurriculum.NONE)) {
            throw new IllegalArgumentException("task '" + config.task() + "' has no length range to draw from: drop"
                    + " --curriculum " + config.curriculum());
        }
        if (imageTask && (config.trainLengths() != null || config.testLengths() != null)) {
            throw new IllegalArgumentException("task '" + config.task() + "' has images, not sequences: drop"
                    + " --train-lengths and --test-lengths");
        }
    }

    private static List<String> imageClassifiers() {
        return TrainableModels.names().stream().filter(TrainableModels::isImageClassifier).toList();
    }

    /** An image task: an image classifier on the task's fixed train/test split (evalSize: test images scored). */
    private static Setup imageSetup(TrainingConfig config, Rng rng) {
        ImageTasks.Task images = ImageTasks.load(config.task());
        Module model = TrainableModels.create(config.model(), ModelSpec.forImages(images.classes()), rng);
        return new Setup(null, model, new ImageClassificationObjective((ImageClassifier) model, images.train(),
                images.test(), config.seed(), config.batchSize(), config.labelSmoothing(), config.evalSize()));
    }

    /** A corpus task: a language model over the corpus's vocabulary, scored by perplexity (evalSize: windows). */
    private static Setup corpusSetup(TrainingConfig config, Rng rng) {
        CorpusTasks.Task corpusTask = CorpusTasks.parse(config.task());
        LanguageModelCorpus corpus = CorpusTasks.load(corpusTask);
        Module model = TrainableModels.create(config.model(),
                ModelSpec.forLanguageModel(corpus.vocabulary().size(), corpusTask.context()), rng);
        if (!(model instanceof LanguageModel lm)) {
            throw new IllegalArgumentException("task '" + config.task() + "' needs a language model, but '"
                    + config.model() + "' is a " + model.getClass().getSimpleName());
        }
        return new Setup(null, model, new CorpusLanguageModelObjective(lm, corpus, corpusTask.context(),
                config.seed(), config.batchSize(), config.labelSmoothing(), config.evalSize()));
    }

    /** A new run; refuses a directory that already holds one (resume it instead). */
    public static Experiment create(TrainingConfig config, Path out, PrintStream progress) {
        if (out != null) {
            if (Files.exists(out.resolve(CONFIG))) {
                throw new IllegalArgumentException(out + " already holds a run: resume it with --resume " + out
                        + " or choose another --out");
            }
        }
        Experiment e = new Experiment(config, out, progress);   // fails on bad settings before anything is written
        if (out != null) {
            writeConfig(out, config);
        }
        return e;
    }

    /** Continues the run saved in {@code out}, up to {@code steps} in total (null: the steps it was started with). */
    public static Experiment resume(Path out, Long steps, PrintStream progress) {
        Path file = out.resolve(CONFIG);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no run to resume in " + out + " (no " + CONFIG + ")");
        }
        TrainingConfig config;
        try {
            config = GSON.fromJson(Files.readString(file, StandardCharsets.UTF_8), TrainingConfig.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        } catch (JsonParseException e) {
            throw new IllegalArgumentException("bad JSON in " + file + ": " + e.getMessage());
        }
        if (steps != null) {
            config = config.withSteps(steps);
            writeConfig(out, config);
        }
        Experiment e = new Experiment(config, out, progress);
        if (TrainingCheckpoint.exists(out.resolve(CHECKPOINT))) {
            e.trainer.restore(out.resolve(CHECKPOINT));
        }
        return e;
    }

    private static void writeConfig(Path out, TrainingConfig config) {
        try {
            Files.createDirectories(out);
            Files.writeString(out.resolve(CONFIG), GSON.toJson(config) + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + out.resolve(CONFIG) + ": " + e.getMessage(), e);
        }
    }

    /** Trains to the configured step, writes the report, and returns the final metrics. */
    public Map<String, Object> run() {
        long start = System.nanoTime();
        trainer.run();
        Map<String, Object> metrics = finalMetrics((System.nanoTime() - start) / 1e9);
        if (objective instanceof CorpusLanguageModelObjective corpus) {
            // The test part is read once, after training, as the final number of a corpus run.
            model.eval();
            try {
                metrics.putAll(corpus.test());
            } finally {
                model.train(true);
            }
        }
        if (out != null) {
            TrainingReport.write(out, config, trainer.history(), metrics);
        }
        return metrics;
    }

    /** The summary printed as the last line of {@code train}: settings, throughput and the last evaluation. */
    Map<String, Object> finalMetrics(double wallSeconds) {
        TrainingHistory h = trainer.history();
        List<TrainingHistory.Step> steps = h.steps();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("task", config.task());
        m.put("model", config.model());
        m.put("seed", config.seed());
        m.put("steps", h.lastStep());
        m.put("batch", config.batchSize());
        m.put("parameters", model.parameterCount());
        int tail = Math.min(steps.size(), Math.max(1, steps.size() / 20));
        m.put("final_loss", steps.subList(steps.size() - tail, steps.size()).stream()
                .mapToDouble(TrainingHistory.Step::loss).average().orElse(Double.NaN));
        double seconds = steps.stream().mapToDouble(TrainingHistory.Step::seconds).sum();
        m.put("train_seconds", seconds);
        m.put("tokens_per_second", steps.stream().mapToLong(TrainingHistory.Step::inputTokens).sum() / seconds);
        m.put("wall_seconds", wallSeconds);
        TrainingHistory.Evaluation last = h.lastEvaluation();
        if (last != null) {
            m.putAll(last.metrics());
        }
        if (out != null) {
            m.put("out", out.toString());
        }
        return m;
    }

    public TrainingConfig config() {
        return config;
    }

    /** The synthetic task, or null for a corpus or image task. */
    public SequenceTask task() {
        return task;
    }

    public Module model() {
        return model;
    }

    public TrainingObjective objective() {
        return objective;
    }

    public Trainer trainer() {
        return trainer;
    }
}

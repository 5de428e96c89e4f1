package newarch.train;

import com.google.gson.GsonBuilder;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import newarch.data.Corpus;
import newarch.data.pretraining.PreTrainingCorpus;
import newarch.data.pretraining.SentencePairs;
import newarch.models.albert.AlbertConfig;
import newarch.models.albert.AlbertForPreTraining;
import newarch.models.bert.BertConfig;
import newarch.models.bert.BertForPreTraining;
import newarch.nn.Module;
import newarch.tensor.Rng;
import newarch.viz.LinePlot;

/**
 * {@code pretrain}: a tiny BERT (masked LM + next sentence) or ALBERT (masked LM + sentence order) pre-trained on
 * Moby-Dick at CPU scale, with a seeded, reproducible schedule; writes {@code metrics.json} (settings, parameter
 * count, every evaluation, the command) and {@code loss.png} into the output directory.
 *
 * @param model     bert-tiny, bert-mini (the same, 4 layers deep) or albert-tiny
 * @param task      the sentence-level task (NSP for BERT, SOP for ALBERT by default)
 * @param maxLength longest pair in tokens, [CLS] and [SEP]s included
 */
public record PreTrainingRun(String model, SentencePairs.Task task, long steps, int batchSize, double learningRate,
                             int warmup, long seed, int maxLength, int vocabularySize, int evalPairs, long evalEvery) {
    public static final List<String> MODELS = List.of("bert-tiny", "bert-mini", "albert-tiny");

    public PreTrainingRun {
        if (!MODELS.contains(model)) {
            throw new IllegalArgumentException("unknown pre-training model '" + model + "' (known: "
                    + String.join(", ", MODELS) + ")");
        }
        if (steps < 1 || batchSize < 1 || warmup < 1 || maxLength < 5 || vocabularySize < 10 || evalPairs < 1
                || evalEvery < 0 || !(learningRate > 0)) {
            throw new IllegalArgumentException("pretrain: steps " + steps + ", batch " + batchSize + ", warmup "
                    + warmup + ", max length " + maxLength + " (>= 5), vocabulary " + vocabularySize + " (>= 10), eval"
                    + " pairs " + evalPairs + " and lr " + learningRate + " must be positive");
        }
    }

    /** The defaults of the recorded result: 600 steps of 32 pairs, lr 1e-3 with 60 warm-up steps, seed 1. */
    public static PreTrainingRun defaults(String model) {
        SentencePairs.Task task = model.startsWith("albert") ? SentencePairs.Task.SOP : SentencePairs.Task.NSP;
        return new PreTrainingRun(model, task, 600, 32, 1e-3, 60, 1, 48, 3000, 512, 200);
    }

    /**
     * The tiny configurations: hidden 64, 2 layers (bert-mini: 4), 4 heads, feed-forward 256 (ALBERT: embeddings of 32,
     * shared).
     */
    public Module build(int vocabulary, Rng rng) {
        if (model.startsWith("bert")) {
            return new BertForPreTraining(bertConfig(vocabulary), rng);
        }
        return new AlbertForPreTraining(new AlbertConfig(vocabulary, 32, 64, 2, 1, 4, 256, 1, "gelu_new", 0.1, 0.1,
                maxLength, 2, 0.02, 1e-12), rng);
    }

    /** The configuration of the BERT models at a vocabulary size. */
    public BertConfig bertConfig(int vocabulary) {
        if (!model.startsWith("bert")) {
            throw new IllegalArgumentException(model + " is not a BERT model");
        }
        return new BertConfig(vocabulary, 64, model.equals("bert-mini") ? 4 : 2, 4, 256, "gelu", 0.1, 0.1, maxLength, 2,
                0.02, 1e-12);
    }

    /**
     * A pre-trained model with the corpus whose vocabulary it reads, its metrics before training and its history.
     */
    public record Pretrained(Module model, PreTrainingCorpus corpus, Map<String, Double> before,
                             TrainingHistory history, double seconds) {
        /** For a results JSON: the run's settings, corpus size, metrics before and after, wall time. */
        public Map<String, Object> summary(PreTrainingRun run) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("run", run.toString());
            m.put("documents", corpus.training().size() + corpus.heldOut().size());
            m.put("vocabulary", corpus.vocabulary().size());
            m.put("before_training", before);
            m.put("final", history.lastEvaluation().metrics());
            m.put("wall_seconds", seconds);
            return m;
        }

        /** The BERT encoder inside (bert-tiny, bert-mini). */
        public BertForPreTraining bert() {
            return (BertForPreTraining) model;
        }
    }

    /** Pre-trains a fresh model on {@code corpus} with this run's settings and seed. */
    public Pretrained pretrain(PreTrainingCorpus corpus, PrintStream progress) {
        Rng rng = new Rng(seed);
        Module m = build(corpus.vocabulary().size(), rng);
        PreTrainingObjective.Model forward = m instanceof BertForPreTraining b ? b::forward
                : ((AlbertForPreTraining) m)::forward;
        PreTrainingObjective objective = new PreTrainingObjective(forward, corpus, task, maxLength, seed, batchSize,
                evalPairs);
        LearningRateSchedule schedule = new NoamSchedule(1, warmup, learningRate * Math.sqrt(warmup));
        Optimizer adam = new Adam(m.parameters(), schedule, 0.9, 0.999, 1e-8, 0.01, true);
        Trainer trainer = new Trainer(m, rng, objective, adam, new Trainer.Options(steps, 1.0, evalEvery, 0, null,
                progress));
        long start = System.nanoTime();
        Map<String, Double> before = objective.evaluate();
        TrainingHistory history = trainer.run();
        m.eval();
        return new Pretrained(m, corpus, before, history, (System.nanoTime() - start) / 1e9);
    }

    /** The command line that repeats this run. */
    public String command(Path out) {
        return "newarch pretrain --model " + model + " --task " + task.name().toLowerCase(java.util.Locale.ROOT)
                + " --steps " + steps + " --batch " + batchSize + " --lr " + learningRate + " --warmup " + warmup
                + " --seed " + seed + " --max-length " + maxLength + " --vocab " + vocabularySize + " --eval-pairs "
                + evalPairs + " --out " + out;
    }

    /**
     * Trains from scratch on Moby-Dick and writes the results; returns the final metrics. The weights go to
     * {@code model.safetensors} and the vocabulary, one token per line in id order, to {@code vocab.txt}.
     */
    public Map<String, Object> run(Path out, PrintStream progress) {
        Pretrained p = pretrain(new PreTrainingCorpus(Corpus.mobyDick().text(), vocabularySize), progress);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("command", command(out));
        result.put("parameters", p.model().parameterCount());
        result.put("vocabulary", p.corpus().vocabulary().size());
        result.put("training_documents", p.corpus().training().size());
        result.put("held_out_documents", p.corpus().heldOut().size());
        result.put("before_training", p.before());
        result.put("final", p.history().lastEvaluation().metrics());
        result.put("wall_seconds", p.seconds());
        Map<Long, Map<String, Double>> evaluations = new LinkedHashMap<>();
        p.history().evaluations().forEach(e -> evaluations.put(e.step(), e.metrics()));
        result.put("evaluations", evaluations);
        write(out, result, p.history());
        p.model().save(out.resolve("model.safetensors"));
        try {
            Files.write(out.resolve("vocab.txt"), p.corpus().vocabulary().tokens(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + out.resolve("vocab.txt"), e);
        }
        return result;
    }

    private void write(Path out, Map<String, Object> result, TrainingHistory history) {
        try {
            Files.createDirectories(out);
            Files.writeString(out.resolve("metrics.json"), new GsonBuilder().setPrettyPrinting()
                    .serializeSpecialFloatingPointValues().create().toJson(result) + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + out.resolve("metrics.json"), e);
        }
        LinePlot.create().title(model + " pre-training on Moby-Dick (masked LM + " + task + ", seed " + seed + ")")
                .axisTitles("step", "training loss").series("loss", history.losses()).save(out.resolve("loss.png"));
    }
}

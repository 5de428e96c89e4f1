package newarch.train;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import newarch.models.bert.BertForPreTraining;
import newarch.models.bert.BertModel;
import newarch.nn.Module;
import newarch.tensor.Rng;

/**
 * The schedule of a fine-tuning run: AdamW (weight decay 0.01), linear warm-up then inverse-square-root decay,
 * gradient norm clipped at 1, seeded batches and dropout. Starting from a pre-trained encoder is a matter of copying
 * its weights in first ({@link #copyEncoder}); the task head stays freshly drawn.
 */
public record FineTuneRun(long steps, int batchSize, double learningRate, int warmup, long seed, long evalEvery) {
    public FineTuneRun {
        if (steps < 1 || batchSize < 1 || warmup < 1 || evalEvery < 0 || !(learningRate > 0)) {
            throw new IllegalArgumentException("fine-tuning: steps " + steps + ", batch " + batchSize + ", warmup "
                    + warmup + " and lr " + learningRate + " must be positive, eval every " + evalEvery
                    + " not negative");
        }
    }

    /** Metrics before training, the history (every evaluation) and the wall time. */
    public record Outcome(Map<String, Double> before, TrainingHistory history, double seconds) {
        public Map<String, Double> last() {
            return history.lastEvaluation().metrics();
        }

        /** Settings-free summary for a results JSON: before, every evaluation by step, seconds. */
        public Map<String, Object> summary() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("before_training", before);
            Map<Long, Map<String, Double>> evaluations = new LinkedHashMap<>();
            history.evaluations().forEach(e -> evaluations.put(e.step(), e.metrics()));
            m.put("evaluations", evaluations);
            m.put("wall_seconds", seconds);
            return m;
        }
    }

    /** Trains {@code model} on {@code objective}; dropout draws from {@code rng}. Leaves the model in eval mode. */
    public Outcome run(Module model, Rng rng, TrainingObjective objective, PrintStream progress) {
        LearningRateSchedule schedule = new NoamSchedule(1, warmup, learningRate * Math.sqrt(warmup));
        Optimizer adam = new Adam(model.parameters(), schedule, 0.9, 0.999, 1e-8, 0.01, true);
        Trainer trainer = new Trainer(model, rng, objective, adam, new Trainer.Options(steps, 1.0, evalEvery, 0, null,
                progress));
        long start = System.nanoTime();
        model.eval();
        Map<String, Double> before = objective.evaluate();
        TrainingHistory history = trainer.run();
        model.eval();
        return new Outcome(before, history, (System.nanoTime() - start) / 1e9);
    }

    /**
     * Copies a pre-trained encoder ({@code bert.*} of a pre-training model) into a task model's encoder; a pooler the
     * task model lacks is left out.
     */
    public static void copyEncoder(BertForPreTraining from, BertModel to) {
        Map<String, org.nd4j.linalg.api.ndarray.INDArray> state = new LinkedHashMap<>(from.bert().stateDict());
        if (!to.hasPooler()) {
            state.keySet().removeIf(k -> k.startsWith("pooler."));
        }
        to.loadStateDict(state, true);
    }
}

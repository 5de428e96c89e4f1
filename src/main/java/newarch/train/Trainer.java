package newarch.train;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import newarch.nn.Module;
import newarch.tensor.NativeMemory;
import newarch.tensor.Rng;

/**
 * The training loop: for each step, the objective's loss on that step's batch, backward, gradient-norm clipping, one
 * optimiser update; every {@code evalEvery} steps an evaluation in evaluation mode; every {@code checkpointEvery}
 * steps a checkpoint. A progress bar shows the step, the loss and the last evaluation.
 *
 * <p>Reproducible: the batches are a function of (seed, step), the parameters start from the model's seeded
 * {@link Rng}, and dropout draws from that same generator, whose position is saved in every checkpoint with the
 * parameters and the optimiser's moments. Two runs with the same seed give bit-identical loss curves, and a run
 * resumed from a checkpoint continues the curve it would have drawn without stopping.
 */
public final class Trainer {
    /**
     * @param steps           train until this step (counted from 1; a resumed run continues from its checkpoint)
     * @param clipNorm        maximum global gradient norm; 0 or less for no clipping
     * @param evalEvery       evaluate every this many steps (and after the last); 0 for only after the last
     * @param checkpointEvery save a checkpoint every this many steps (and after the last); 0 for only after the last
     * @param checkpointDir   where checkpoints go; null for none
     * @param progress        where the progress bar is drawn; null for none
     */
    public record Options(long steps, double clipNorm, long evalEvery, long checkpointEvery, Path checkpointDir,
                          PrintStream progress) {
        public Options {
            if (steps < 1 || evalEvery < 0 || checkpointEvery < 0) {
                throw new IllegalArgumentException("steps " + steps + " must be positive and evalEvery " + evalEvery
                        + ", checkpointEvery " + checkpointEvery + " must not be negative");
            }
        }
    }

    /** Notified after every step and every evaluation (for notebooks, logging, early stopping by exception). */
    public interface Listener {
        default void onStep(TrainingHistory.Step step) {
        }

        default void onEvaluation(TrainingHistory.Evaluation evaluation) {
        }
    }

    private final Module model;
    private final Rng rng;
    private final TrainingObjective objective;
    private final Optimizer optimizer;
    private final Options options;
    private final TrainingHistory history = new TrainingHistory();
    private final List<Listener> listeners = new ArrayList<>();

    /** @param rng the generator the model draws dropout from, saved and restored with checkpoints */
    public Trainer(Module model, Rng rng, TrainingObjective objective, Optimizer optimizer, Options options) {
        this.model = model;
        this.rng = rng;
        this.objective = objective;
        this.optimizer = optimizer;
        this.options = options;
    }

    public Trainer addListener(Listener l) {
        listeners.add(l);
        return this;
    }

    /** Trains from the step after the last completed one up to {@link Options#steps()}; returns the history. */
    public TrainingHistory run() {
        long first = history.lastStep() + 1;
        if (first > options.steps()) {
            return history;
        }
        ProgressBar bar = options.progress() == null ? null
                : new ProgressBar("train", options.steps() - first + 1, options.progress());
        String evalStatus = "";
        try {
            for (long step = first; step <= options.steps(); step++) {
                TrainingHistory.Step record = trainStep(step);
                boolean last = step == options.steps();
                if (last || (options.evalEvery() > 0 && step % options.evalEvery() == 0)) {
                    TrainingHistory.Evaluation e = evaluate(step);
                    evalStatus = summary(e.metrics());
                }
                if (options.checkpointDir() != null
                        && (last || (options.checkpointEvery() > 0 && step % options.checkpointEvery() == 0))) {
                    save(options.checkpointDir());
                }
                if (bar != null) {
                    bar.step(String.format(Locale.ROOT, "loss %.4f lr %.2e%s", record.loss(), record.learningRate(),
                            evalStatus));
                }
            }
        } finally {
            if (bar != null) {
                bar.close();
            }
        }
        return history;
    }

    /**
     * One optimisation step on the batch of {@code step}, recorded in the history; no evaluation or checkpoint
     * ({@link #run()} adds those). Steps must be taken in order for the run to be reproducible.
     */
    public TrainingHistory.Step trainStep(long step) {
        long start = System.nanoTime();
        model.train(true);
        optimizer.zeroGrad();
        TrainingObjective.StepLoss loss = objective.loss(step);
        loss.total().backward();
        // Without a limit the norm is still measured (a limit no gradient reaches): spikes are worth seeing.
        double norm = GradClipping.clipGradNorm(model.parameters(),
                options.clipNorm() > 0 ? options.clipNorm() : Double.MAX_VALUE);
        optimizer.step();
        NativeMemory.collectIfGrown();
        double seconds = (System.nanoTime() - start) / 1e9;
        TrainingHistory.Step record = new TrainingHistory.Step(step, loss.total().data().getDouble(0),
                loss.auxiliaryLoss(), optimizer.lastRate(), norm, loss.tokens(), loss.inputTokens(), seconds);
        history.add(record);
        listeners.forEach(l -> l.onStep(record));
        return record;
    }

    /** Runs the objective's evaluation in evaluation mode (no dropout) and records it. */
    public TrainingHistory.Evaluation evaluate(long step) {
        model.eval();
        Map<String, Double> metrics;
        try {
            metrics = objective.evaluate();
        } finally {
            model.train(true);
        }
        TrainingHistory.Evaluation e = new TrainingHistory.Evaluation(step, metrics);
        history.add(e);
        listeners.forEach(l -> l.onEvaluation(e));
        return e;
    }

    private static String summary(Map<String, Double> metrics) {
        StringBuilder s = new StringBuilder();
        metrics.forEach((k, v) -> {
            if (k.endsWith(".exact") || k.endsWith(".perplexity") || k.endsWith(".accuracy")) {
                s.append(String.format(Locale.ROOT, " %s %.3f", k, v));
            }
        });
        return s.toString();
    }

    /** Saves model, optimiser moments, step, generator position and history into {@code dir}. */
    public void save(Path dir) {
        TrainingCheckpoint.save(dir, model, optimizer, rng, history);
    }

    /** Restores a checkpoint saved by {@link #save}: the next {@link #run()} continues after its step. */
    public void restore(Path dir) {
        TrainingCheckpoint.restore(dir, model, optimizer, rng, history);
    }

    public TrainingHistory history() {
        return history;
    }

    public Options options() {
        return options;
    }

    public Module model() {
        return model;
    }
}

package newarch.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Everything a run measured, step by step and at each evaluation. It is saved with every checkpoint, so a resumed
 * run's curves continue where they stopped.
 */
public final class TrainingHistory {
    /**
     * One optimisation step.
     *
     * @param loss    the total loss that was minimised (task loss + auxiliary loss)
     * @param seconds wall-clock time of the step (the only field that differs between identical runs)
     */
    public record Step(long step, double loss, double auxiliaryLoss, double learningRate, double gradNorm,
                       long tokens, long inputTokens, double seconds) {
    }

    /** The held-out metrics after {@code step}. */
    public record Evaluation(long step, Map<String, Double> metrics) {
    }

    private final List<Step> steps = new ArrayList<>();
    private final List<Evaluation> evaluations = new ArrayList<>();

    public void add(Step s) {
        steps.add(s);
    }

    public void add(Evaluation e) {
        evaluations.add(e);
    }

    public List<Step> steps() {
        return List.copyOf(steps);
    }

    public List<Evaluation> evaluations() {
        return List.copyOf(evaluations);
    }

    /** The last completed step, 0 before training. */
    public long lastStep() {
        return steps.isEmpty() ? 0 : steps.get(steps.size() - 1).step();
    }

    public double[] losses() {
        return steps.stream().mapToDouble(Step::loss).toArray();
    }

    /** The most recent evaluation, or null. */
    public Evaluation lastEvaluation() {
        return evaluations.isEmpty() ? null : evaluations.get(evaluations.size() - 1);
    }

    /** Drops everything after {@code step} (a checkpoint older than the history it was saved with). */
    void truncateAfter(long step) {
        steps.removeIf(s -> s.step() > step);
        evaluations.removeIf(e -> e.step() > step);
    }
}

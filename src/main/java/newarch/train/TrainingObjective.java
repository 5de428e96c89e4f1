package newarch.train;

import java.util.Map;
import newarch.tensor.Tensor;

/**
 * What the {@link Trainer} optimises and how it checks progress; one implementation per kind of model
 * ({@link SequenceToSequenceObjective}, {@link LanguageModelObjective}). Both methods are pure functions of the step
 * and the model's current state, which is what makes training reproducible and resumable.
 */
public interface TrainingObjective {

    /** The loss of the training batch of {@code step} (counted from 1), ready for {@code backward()}. */
    StepLoss loss(long step);

    /** Held-out metrics by name ("test.exact", "longer.token_accuracy", "test.perplexity", ...). */
    Map<String, Double> evaluate();

    /**
     * @param total         the scalar to minimise: the task loss plus the model's auxiliary loss, if any
     * @param taskLoss      the cross-entropy part, for logging
     * @param auxiliaryLoss the model's own extra loss (e.g. a ponder cost), 0 when it has none
     * @param tokens        target tokens the loss covers (PAD excluded)
     * @param inputTokens   all non-PAD tokens the model read (sources and targets), for throughput
     */
    record StepLoss(Tensor total, double taskLoss, double auxiliaryLoss, long tokens, long inputTokens) {
    }
}

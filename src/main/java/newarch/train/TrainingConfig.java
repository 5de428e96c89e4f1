package newarch.train;

import java.util.List;
import newarch.data.LengthRange;

/**
 * Everything that determines a training run, saved as {@code config.json} beside its results so that a number in a
 * report can be traced to the exact run that produced it and reproduced (Tribuo's provenance idea).
 *
 * @param schedule     {@code noam} (linear warm-up to {@code learningRate}, then ∝ 1/√step, the paper's eq. 3 with
 *                     its peak made explicit) or {@code constant}
 * @param evalEvery    evaluate every this many steps (0: only at the end)
 * @param evalSize     examples per held-out test set
 * @param trainLengths null for the task's default
 * @param testLengths  null for the task's default
 * @param curriculum   how each step's training lengths are drawn ({@link LengthCurriculum#KINDS}; null, as in a
 *                     config.json written before the option existed, means {@code none})
 */
public record TrainingConfig(String task, String model, long seed, long steps, int batchSize, String schedule,
                             double learningRate, int warmup, double labelSmoothing, double clipNorm, long evalEvery,
                             int evalSize, long checkpointEvery, LengthRange trainLengths, LengthRange testLengths,
                             String curriculum) {
    public static final List<String> SCHEDULES = List.of("noam", "constant");

    public TrainingConfig {
        require(task != null && model != null, "task and model must be given");
        require(steps >= 1, "steps is " + steps + " but must be at least 1");
        require(batchSize >= 1, "batch size is " + batchSize + " but must be at least 1");
        require(SCHEDULES.contains(schedule), "schedule is '" + schedule + "' but must be one of " + SCHEDULES);
        require(learningRate > 0 && Double.isFinite(learningRate), "learning rate is " + learningRate
                + " but must be positive");
        require(warmup >= 1, "warmup is " + warmup + " but must be at least 1");
        require(labelSmoothing >= 0 && labelSmoothing < 1, "label smoothing is " + labelSmoothing
                + " but must be in [0, 1)");
        require(clipNorm >= 0 && !Double.isNaN(clipNorm), "clip norm is " + clipNorm + " but must be >= 0 (0: none)");
        require(evalEvery >= 0, "eval-every is " + evalEvery + " but must be >= 0 (0: only at the end)");
        require(evalSize >= 1, "eval size is " + evalSize + " but must be at least 1");
        require(checkpointEvery >= 0, "checkpoint-every is " + checkpointEvery + " but must be >= 0");
        curriculum = curriculum == null ? LengthCurriculum.NONE : curriculum;
        require(LengthCurriculum.KINDS.contains(curriculum), "curriculum is '" + curriculum + "' but must be one of "
                + LengthCurriculum.KINDS);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    /** A run of {@code model} on {@code task} with the model's default settings. */
    public static TrainingConfig defaults(String task, String model) {
        TrainingDefaults d = TrainableModels.entry(model).defaults();
        return new TrainingConfig(task, model, 1, 2000, d.batchSize(), "noam", d.learningRate(), d.warmup(),
                d.labelSmoothing(), d.clipNorm(), 250, 500, 500, null, null, LengthCurriculum.NONE);
    }

    public LearningRateSchedule learningRateSchedule() {
        if (schedule.equals("constant")) {
            return LearningRateSchedule.constant(learningRate);
        }
        // NoamSchedule with d_model 1 and factor lr·√warmup peaks at exactly lr when step = warmup.
        return new NoamSchedule(1, warmup, learningRate * Math.sqrt(warmup));
    }

    public TrainingConfig withSteps(long n) {
        return new TrainingConfig(task, model, seed, n, batchSize, schedule, learningRate, warmup, labelSmoothing,
                clipNorm, evalEvery, evalSize, checkpointEvery, trainLengths, testLengths, curriculum);
    }

    public TrainingConfig withSeed(long s) {
        return new TrainingConfig(task, model, s, steps, batchSize, schedule, learningRate, warmup, labelSmoothing,
                clipNorm, evalEvery, evalSize, checkpointEvery, trainLengths, testLengths, curriculum);
    }

    public TrainingConfig withBatchSize(int b) {
        return new TrainingConfig(task, model, seed, steps, b, schedule, learningRate, warmup, labelSmoothing,
                clipNorm, evalEvery, evalSize, checkpointEvery, trainLengths, testLengths, curriculum);
    }

    public TrainingConfig withLearningRate(String newSchedule, double lr, int newWarmup) {
        return new TrainingConfig(task, model, seed, steps, batchSize, newSchedule, lr, newWarmup, labelSmoothing,
                clipNorm, evalEvery, evalSize, checkpointEvery, trainLengths, testLengths, curriculum);
    }

    public TrainingConfig withRegularisation(double smoothing, double clip) {
        return new TrainingConfig(task, model, seed, steps, batchSize, schedule, learningRate, warmup, smoothing,
                clip, evalEvery, evalSize, checkpointEvery, trainLengths, testLengths, curriculum);
    }

    public TrainingConfig withEvaluation(long every, int size, long checkpoints) {
        return new TrainingConfig(task, model, seed, steps, batchSize, schedule, learningRate, warmup, labelSmoothing,
                clipNorm, every, size, checkpoints, trainLengths, testLengths, curriculum);
    }

    public TrainingConfig withCurriculum(String kind) {
        return new TrainingConfig(task, model, seed, steps, batchSize, schedule, learningRate, warmup, labelSmoothing,
                clipNorm, evalEvery, evalSize, checkpointEvery, trainLengths, testLengths, kind);
    }

    public TrainingConfig withLengths(LengthRange train, LengthRange test) {
        return new TrainingConfig(task, model, seed, steps, batchSize, schedule, learningRate, warmup, labelSmoothing,
                clipNorm, evalEvery, evalSize, checkpointEvery, train, test, curriculum);
    }
}

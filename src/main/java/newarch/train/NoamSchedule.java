package newarch.train;

/**
 * The learning-rate schedule of "Attention Is All You Need" (eq. 3):
 * lr = factor · d_model^{−1/2} · min(step^{−1/2}, step · warmup^{−3/2}), rising linearly for {@code warmup}
 * steps and then decaying with the inverse square root of the step. Steps count from 1.
 */
public record NoamSchedule(int dModel, int warmup, double factor) implements LearningRateSchedule {
    public NoamSchedule {
        if (dModel <= 0 || warmup <= 0) {
            throw new IllegalArgumentException("d_model " + dModel + " and warmup " + warmup + " must be positive");
        }
    }

    @Override
    public double rate(long step) {
        if (step < 1) {
            throw new IllegalArgumentException("step is " + step + " but steps count from 1");
        }
        return factor * Math.pow(dModel, -0.5) * Math.min(Math.pow(step, -0.5), step * Math.pow(warmup, -1.5));
    }
}

package newarch.train;

import java.util.List;
import newarch.tensor.Tensor;

/**
 * Updates parameters from their accumulated gradients. The learning rate comes from a schedule evaluated at
 * the step about to be taken (steps count from 1), so warm-up schedules such as Noam plug in directly.
 */
public abstract class Optimizer {
    protected final List<Tensor> parameters;
    private final LearningRateSchedule schedule;
    private long step;
    private double lastRate;

    protected Optimizer(List<Tensor> parameters, LearningRateSchedule schedule) {
        if (parameters.isEmpty()) {
            throw new IllegalArgumentException("the optimiser was given no parameters");
        }
        this.parameters = List.copyOf(parameters);
        this.schedule = schedule;
    }

    /** Applies one update to every parameter that has a gradient. */
    public final void step() {
        step++;
        lastRate = schedule.rate(step);
        for (int i = 0; i < parameters.size(); i++) {
            Tensor p = parameters.get(i);
            if (p.grad() != null) {
                update(i, p, lastRate);
            }
        }
    }

    protected abstract void update(int index, Tensor parameter, double lr);

    public void zeroGrad() {
        parameters.forEach(Tensor::zeroGrad);
    }

    public long stepCount() {
        return step;
    }

    /** The learning rate used by the most recent step. */
    public double lastRate() {
        return lastRate;
    }
}

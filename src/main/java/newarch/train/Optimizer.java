package newarch.train;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import newarch.tensor.Shapes;
import newarch.tensor.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;

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

    /**
     * Per-parameter state by slot name, one array entry per parameter (null until the parameter's first update),
     * e.g. Adam's {@code exp_avg} and {@code exp_avg_sq}. Checkpoints save and restore these.
     */
    protected Map<String, INDArray[]> slots() {
        return Map.of();
    }

    /**
     * The optimiser's state as PyTorch would name it per parameter: {@code <slot>.<parameter name>}, e.g.
     * {@code exp_avg.generator.bias}. {@code names} are the parameters' names in the order they were given.
     */
    public Map<String, INDArray> stateDict(List<String> names) {
        requireNames(names);
        Map<String, INDArray> out = new LinkedHashMap<>();
        slots().forEach((slot, arrays) -> {
            for (int i = 0; i < arrays.length; i++) {
                if (arrays[i] != null) {
                    out.put(slot + "." + names.get(i), arrays[i]);
                }
            }
        });
        return out;
    }

    /** Restores a {@link #stateDict} and the step count: the next step is the one that would have come next. */
    public void loadStateDict(List<String> names, Map<String, INDArray> state, long steps) {
        requireNames(names);
        if (steps < 0) {
            throw new IllegalArgumentException("optimiser step count is " + steps + " but must be >= 0");
        }
        slots().forEach((slot, arrays) -> {
            for (int i = 0; i < arrays.length; i++) {
                INDArray v = state.get(slot + "." + names.get(i));
                if (v != null && !java.util.Arrays.equals(v.shape(), parameters.get(i).shape())) {
                    throw new IllegalArgumentException("optimiser state " + slot + "." + names.get(i) + " is "
                            + Shapes.show(v) + " but the parameter is " + Shapes.show(parameters.get(i).data()));
                }
                arrays[i] = v == null ? null : v.castTo(parameters.get(i).dataType()).dup('c');
            }
        });
        this.step = steps;
    }

    private void requireNames(List<String> names) {
        if (names.size() != parameters.size()) {
            throw new IllegalArgumentException("the optimiser has " + parameters.size() + " parameters but "
                    + names.size() + " names were given");
        }
    }

    /** The learning rate used by the most recent step. */
    public double lastRate() {
        return lastRate;
    }
}

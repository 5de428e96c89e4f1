package newarch.train;

import java.util.List;
import newarch.tensor.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Stochastic gradient descent with optional momentum and L2 weight decay, as torch.optim.SGD:
 * v ← μ·v + (g + λθ);  θ ← θ − lr·v  (the first step sets v = g + λθ).
 */
public final class Sgd extends Optimizer {
    private final double momentum;
    private final double weightDecay;
    private final INDArray[] velocity;

    public Sgd(List<Tensor> parameters, LearningRateSchedule schedule, double momentum, double weightDecay) {
        super(parameters, schedule);
        if (momentum < 0 || weightDecay < 0) {
            throw new IllegalArgumentException("momentum " + momentum + " and weight decay " + weightDecay
                    + " must not be negative");
        }
        this.momentum = momentum;
        this.weightDecay = weightDecay;
        this.velocity = new INDArray[this.parameters.size()];
    }

    public Sgd(List<Tensor> parameters, double lr) {
        this(parameters, LearningRateSchedule.constant(lr), 0, 0);
    }

    @Override
    protected java.util.Map<String, INDArray[]> slots() {
        return java.util.Map.of("momentum_buffer", velocity);
    }

    @Override
    protected void update(int i, Tensor p, double lr) {
        INDArray g = p.grad().castTo(p.dataType());
        if (weightDecay != 0) {
            g = g.add(p.data().mul(weightDecay));
        }
        if (momentum != 0) {
            velocity[i] = velocity[i] == null ? g.dup() : velocity[i].muli(momentum).addi(g);
            g = velocity[i];
        }
        p.data().subi(g.mul(lr));
    }
}

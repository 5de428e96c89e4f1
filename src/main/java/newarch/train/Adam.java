package newarch.train;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import newarch.tensor.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Adam (Kingma & Ba) with bias correction, as torch.optim.Adam and AdamW.
 * m ← β₁m + (1−β₁)g;  v ← β₂v + (1−β₂)g²;  θ ← θ − lr·m̂/(√v̂ + ε).
 * Weight decay is either L2 (added to g, {@code decoupled = false}, Adam) or decoupled
 * (θ ← θ − lr·λθ before the update, {@code decoupled = true}, AdamW).
 */
public final class Adam extends Optimizer {
    private final double beta1;
    private final double beta2;
    private final double eps;
    private final double weightDecay;
    private final boolean decoupled;
    private final INDArray[] m;
    private final INDArray[] v;

    public Adam(List<Tensor> parameters, LearningRateSchedule schedule, double beta1, double beta2, double eps,
                double weightDecay, boolean decoupled) {
        super(parameters, schedule);
        if (beta1 < 0 || beta1 >= 1 || beta2 < 0 || beta2 >= 1) {
            throw new IllegalArgumentException("betas (" + beta1 + ", " + beta2 + ") must be in [0, 1)");
        }
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.weightDecay = weightDecay;
        this.decoupled = decoupled;
        this.m = new INDArray[this.parameters.size()];
        this.v = new INDArray[this.parameters.size()];
    }

    /** Adam with PyTorch's defaults: betas (0.9, 0.999), eps 1e-8, no weight decay. */
    public static Adam adam(List<Tensor> parameters, LearningRateSchedule schedule) {
        return new Adam(parameters, schedule, 0.9, 0.999, 1e-8, 0, false);
    }

    /** AdamW with PyTorch's defaults: betas (0.9, 0.999), eps 1e-8, weight decay 0.01. */
    public static Adam adamW(List<Tensor> parameters, LearningRateSchedule schedule, double weightDecay) {
        return new Adam(parameters, schedule, 0.9, 0.999, 1e-8, weightDecay, true);
    }

    /** PyTorch's names for Adam's moments. */
    @Override
    protected Map<String, INDArray[]> slots() {
        Map<String, INDArray[]> s = new LinkedHashMap<>();
        s.put("exp_avg", m);
        s.put("exp_avg_sq", v);
        return s;
    }

    @Override
    protected void update(int i, Tensor p, double lr) {
        INDArray theta = p.data();
        INDArray g = p.grad().castTo(p.dataType());
        if (weightDecay != 0) {
            if (decoupled) {
                theta.muli(1 - lr * weightDecay);
            } else {
                g = g.add(theta.mul(weightDecay));
            }
        }
        if (m[i] == null) {
            m[i] = g.ulike().assign(0);
            v[i] = g.ulike().assign(0);
        }
        m[i].muli(beta1).addi(g.mul(1 - beta1));
        v[i].muli(beta2).addi(g.mul(g).muli(1 - beta2));
        long t = stepCount();
        double c1 = 1 - Math.pow(beta1, t);
        double c2 = 1 - Math.pow(beta2, t);
        INDArray denom = Transforms.sqrt(v[i].div(c2), false).addi(eps);
        theta.subi(m[i].div(denom).muli(lr / c1));
    }
}

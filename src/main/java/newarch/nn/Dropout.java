package newarch.nn;

import newarch.tensor.Rng;
import newarch.tensor.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Zeroes each element with probability p in training and scales the rest by 1/(1−p); identity in evaluation. */
public class Dropout extends Module {
    private final double p;
    private final Rng rng;

    public Dropout(double p, Rng rng) {
        if (p < 0 || p >= 1) {
            throw new IllegalArgumentException("dropout probability p is " + p + " but must be in [0, 1)");
        }
        this.p = p;
        this.rng = rng;
    }

    public Tensor forward(Tensor x) {
        if (!isTraining() || p == 0) {
            return x;
        }
        INDArray keep = rng.bernoulli(x.dataType(), 1 - p, x.shape()).muli(1 / (1 - p));
        return x.mul(Tensor.constant(keep));
    }

    public double p() {
        return p;
    }
}

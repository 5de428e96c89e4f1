package newarch.nn;

import newarch.tensor.MatMul;
import newarch.tensor.Rng;
import newarch.tensor.ShapeException;
import newarch.tensor.Shapes;
import newarch.tensor.Tensor;

/** y = x Wᵀ + b with W stored [out, in] as in PyTorch; x is [..., in]. */
public class Linear extends Module {
    private final long inFeatures;
    private final long outFeatures;
    private final Tensor weight;
    private final Tensor bias;

    public Linear(long inFeatures, long outFeatures, boolean bias, Rng rng) {
        this.inFeatures = inFeatures;
        this.outFeatures = outFeatures;
        this.weight = parameter("weight", Init.linearUniform(rng, inFeatures, outFeatures, inFeatures));
        this.bias = bias ? parameter("bias", Init.linearUniform(rng, inFeatures, outFeatures)) : null;
    }

    public Tensor forward(Tensor x) {
        if (x.rank() < 1 || x.size(-1) != inFeatures) {
            throw new ShapeException("Linear(" + inFeatures + "→" + outFeatures + "): input is " + Shapes.show(x.data())
                    + " but its last dimension must be " + inFeatures);
        }
        Tensor y = x.rank() == 1 ? MatMul.matmul(x.reshape(1, inFeatures), weight, false, true).reshape(outFeatures)
                : MatMul.matmul(x, weight, false, true);
        return bias == null ? y : y.add(bias);
    }

    public Tensor weight() {
        return weight;
    }

    public Tensor bias() {
        return bias;
    }

    public long inFeatures() {
        return inFeatures;
    }

    public long outFeatures() {
        return outFeatures;
    }
}
